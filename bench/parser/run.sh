#!/usr/bin/env bash
# Parser benchmark (issue 3): time and memory per parse over the corpus.
#   bench/parser/run.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
make --no-print-directory build/release/bench/bench_parse >/dev/null
corpus=../shared/corpus/parse-dev.jsonl
[ -f "$corpus" ] || corpus=tests/parser/corpus-dev.jsonl
echo "machine: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
for c in "$corpus" tests/parser/holdout.jsonl tests/parser/holdout2.jsonl; do
    build/release/bench/bench_parse "$c" "${1:-200}"
    echo
done

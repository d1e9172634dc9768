#!/usr/bin/env bash
# Parser accuracy with a 97% floor: the project corpus and our held-out
# phrasings (tests/parser/README.md).
#
#   tests/run-corpus.sh PATH/TO/agentd
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-./agentd}
if [ -x ../shared/corpus/score ] && [ -f ../shared/corpus/parse-dev.jsonl ]; then
    score=../shared/corpus/score
    dev=../shared/corpus/parse-dev.jsonl
else
    score=tests/parser/score
    dev=tests/parser/corpus-dev.jsonl
fi
status=0
for corpus in "$dev" tests/parser/holdout*.jsonl tests/parser/usage.jsonl; do
    out=$(/usr/bin/python3 "$score" --min 97 "$corpus" -- "$bin" parse) || status=1
    echo "$out" | grep -v '^accuracy\|^types' || true
    echo "$(basename "$corpus"): $(echo "$out" | tail -1)"
done
exit $status

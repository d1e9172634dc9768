#!/usr/bin/env bash
# Integration actions benchmark (issue 5): e-mail to 1,000 contacts through
# the SMTP connector, and 1,000 runs of an http_request step, against local
# sinks in the same process.  bench/integrations/run.sh [RUNS] [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
N=${2:-1000}
make --no-print-directory build/release/bench/int_bench >/dev/null
echo "machine: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
for i in $(seq 1 "$RUNS"); do
    build/release/bench/int_bench smtp "$N"
    build/release/bench/int_bench http "$N"
done

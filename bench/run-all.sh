#!/usr/bin/env bash
# Runs every benchmark in turn; figures go to stdout. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
for b in bench/*/run.sh bench/engine/dashboard.sh; do
    echo "################ $b"
    "$b"
done

#!/usr/bin/env bash
# Runs every test suite and ends with one summary line.
#
#   tests/run-all.sh UNIT_TEST_BINARIES...
#
# Environment: BUILD (build directory, default build/release), SANITIZE
# (set when the build is instrumented), PYTEST_ARGS (extra pytest flags).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/release}
export AGENTD_BIN="$PWD/$BUILD/agentd"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
PY=/usr/bin/python3

passed=()
failed=()
run() {
    local name=$1
    shift
    echo "=== $name"
    local start=$SECONDS
    if "$@"; then
        passed+=("$name")
        echo "=== $name: ok ($((SECONDS - start))s)"
    else
        failed+=("$name")
        echo "=== $name: FAILED ($((SECONDS - start))s)"
    fi
}

for t in "$@"; do
    run "unit/$(basename "$t")" "$t"
done
run "e2e" $PY -m pytest -q -p no:cacheprovider ${PYTEST_ARGS:-} tests/e2e
if [ -x tests/run-corpus.sh ]; then
    run "corpus" tests/run-corpus.sh "$AGENTD_BIN"
fi
if [ -x tests/fuzz/run.sh ] && [ -n "${FUZZ_SECONDS:-}" ]; then
    run "fuzz" tests/fuzz/run.sh
fi

total=$((${#passed[@]} + ${#failed[@]}))
echo
if [ ${#failed[@]} -eq 0 ]; then
    echo "SUMMARY: all ${total} suites passed${SANITIZE:+ (sanitizers: address,undefined)}"
    exit 0
fi
echo "SUMMARY: ${#failed[@]} of ${total} suites FAILED: ${failed[*]}"
exit 1

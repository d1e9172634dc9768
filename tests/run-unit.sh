#!/usr/bin/env bash
# Runs the given cmocka unit test binaries; fails if any fails.
set -u
status=0
for t in "$@"; do
    "$t" || status=1
done
exit $status

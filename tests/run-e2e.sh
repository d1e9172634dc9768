#!/usr/bin/env bash
# Runs the end-to-end suite against $AGENTD_BIN (default ./agentd).
set -eu
cd "$(dirname "$0")/.."
export AGENTD_BIN=${AGENTD_BIN:-$PWD/agentd}
case "$AGENTD_BIN" in /*) ;; *) AGENTD_BIN="$PWD/$AGENTD_BIN" ;; esac
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider "$@" tests/e2e

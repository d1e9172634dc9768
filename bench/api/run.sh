#!/usr/bin/env bash
# API benchmark (issue 2): 100,000 contacts; GET one contact and a
# filtered page of 50, driven by wrk on this machine.
#
#   bench/api/run.sh            (from the repository root, after make)
#
# Environment: N (contacts, default 100000), DURATION (default 15s),
# CONNS (default 32), THREADS (server HTTP threads, default 2).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-100000}
DURATION=${DURATION:-15s}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
BIN=${AGENTD_BIN:-./agentd}
dir=$(mktemp -d /tmp/agentd-bench-api.XXXXXX)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT

$BIN seed-demo --db "$dir/a.db" --json --log-level warn >"$dir/demo.json"
/usr/bin/python3 bench/api/load_contacts.py "$dir/a.db" "$N"
export TOKEN=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["users"][0]["token"])' "$dir/demo.json")
export WS=1
export MAX_ID=$((N + 200))
$BIN serve --db "$dir/a.db" --port 0 --port-file "$dir/port" \
    --threads "$THREADS" --log-level warn &
pid=$!
while [ ! -s "$dir/port" ]; do sleep 0.05; done
PORT=$(cat "$dir/port")
URL="http://127.0.0.1:$PORT"

echo "## machine"
echo "cpu: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
echo "agentd: $($BIN --version), server threads $THREADS; wrk 1 thread, $CONNS connections, $DURATION"
echo
# Warm the page cache and the statement caches.
wrk -t1 -c4 -d2s -s bench/api/random_contact.lua "$URL" >/dev/null
echo "## GET one contact (random id of $MAX_ID)"
wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s bench/api/random_contact.lua "$URL"
echo
echo "## GET filtered page: status + country, sorted by -createdAt, limit 50"
echo "### saturated: $CONNS connections"
wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s bench/api/filtered_page.lua "$URL"
echo "### latency under moderate load: 4 connections"
wrk -t1 -c4 -d"$DURATION" --latency -s bench/api/filtered_page.lua "$URL"

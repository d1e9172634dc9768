#!/usr/bin/env bash
# `make run`: seed the demo workspace the first time, print how to use it,
# and serve on http://127.0.0.1:8080 until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${AGENTD_DB:-./var/agentd.db}
PORT=${AGENTD_PORT:-8080}
ADDR=127.0.0.1
CREDS=./var/demo-credentials.json
mkdir -p var
chmod 700 var

if [ ! -s "$CREDS" ]; then
    if [ -e "$DB" ]; then
        echo "make run: $DB exists but $CREDS does not, so the demo logins are" >&2
        echo "unknown. Remove ./var to start a fresh demo: rm -rf ./var" >&2
        exit 1
    fi
    umask 077
    ./agentd seed-demo --db "$DB" --json --log-level warn >"$CREDS.tmp"
    mv "$CREDS.tmp" "$CREDS"
fi

# The credentials file is agentd's own indented JSON; take the owner's
# entry (the first user) without needing a JSON tool.
field() {
    awk -v key="\"$1\":" '$1 == key { gsub(/[",]/, "", $2); print $2; exit }' "$CREDS"
}
WS=$(awk '$1 == "\"workspaceId\":" { gsub(/,/, "", $2); print $2; exit }' "$CREDS")
EMAIL=$(field email)
PASSWORD=$(field password)
TOKEN=$(field token)
URL="http://$ADDR:$PORT"

cat <<INFO

  agentd demo workspace is at $URL

  Sign in (owner):  $EMAIL  /  $PASSWORD
  API token:        $TOKEN
  Other demo users (admin, member, viewer): $CREDS

  Try:
    curl -s -H 'Authorization: Bearer $TOKEN' '$URL/api/workspaces/$WS/contacts?limit=3&title__contains=CEO'
    curl -s -H 'Authorization: Bearer $TOKEN' '$URL/api/workspaces/$WS/agents'
    curl -s -X POST -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' -d '{"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","title":"CEO"}' '$URL/api/workspaces/$WS/contacts'
    curl -sN -H 'Authorization: Bearer $TOKEN' '$URL/api/workspaces/$WS/executions/events'    (runs as they go; Ctrl-C to leave)

  API description: $URL/api/openapi.json    Stop with Ctrl-C.

INFO
exec ./agentd serve --db "$DB" --addr "$ADDR" --port "$PORT"

#!/usr/bin/env bash
# Dashboard and CSV export (Story 3.15) over a long history.
#
#   bench/engine/dashboard.sh          50,000 runs of one agent
#   N=200000 bench/engine/dashboard.sh
#
# Seeds the demo workspace in a temporary directory, adds N finished runs
# of its first agent spread over the last 29 days (10% failed), three
# e-mail steps each, with the sqlite3 shell, starts `agentd serve` on a free port and times each
# request five times with curl; prints the median seconds of each. The
# seeds ask for a dashboard under 3 s and an export under 30 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-50000}
make --no-print-directory build/release/agentd >/dev/null
BIN=$PWD/build/release/agentd
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
token=$("$BIN" seed-demo --db "$dir/a.db" --json 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["users"][0]["token"])')
step=$((29 * 86400000 / N))
sqlite3 "$dir/a.db" "INSERT INTO plans (workspace_id, hash, text, created_at)
  VALUES (1, 'bench', '{\"steps\":[]}', 0);
  INSERT INTO executions (workspace_id, agent_id, agent_name, trigger_type,
  status, plan_id, summary, created_at, started_at, completed_at,
  duration_ms, active_us)
  SELECT 1, 1, 'Outbound to new CEOs', 'manual',
  CASE WHEN value % 10 = 0 THEN 'failed' ELSE 'completed' END,
  (SELECT id FROM plans WHERE hash = 'bench'),
  '{\"contactsProcessed\":10,\"contactsFound\":10,\"emailsSent\":10,\"tasksCreated\":10}',
  now - value * $step, now - value * $step, now - value * $step + 300, 300,
  250000 FROM generate_series(1, $N),
  (SELECT CAST(strftime('%s','now') AS INTEGER) * 1000 AS now);
  INSERT INTO execution_steps (id, workspace_id, execution_id, seq, path,
  type, params, status, started_at, finished_at, output)
  SELECT e.id * 1048576 + s.value, 1, e.id, s.value, s.value, 'send_email',
  '{\"template\":\"Outbound v2\",\"subject\":\"Hi Ada, question about Acme\"}',
  'success', e.started_at, e.started_at,
  '{\"transport\":\"outbox\",\"sent\":1,\"emails\":[{\"to\":\"ada' || e.id ||
  '@example.com\",\"status\":\"done\"}]}'
  FROM executions e, generate_series(1, 3) s WHERE e.agent_id = 1;"
AGENTD_LOG_LEVEL=warn "$BIN" serve --db "$dir/a.db" --port 0 \
    --port-file "$dir/port" --workers 0 &
pid=$!
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
base="http://127.0.0.1:$(cat "$dir/port")/api/workspaces/1"
echo "machine: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; $N runs"
median() {
    local what=$1 url=$2 t=()
    for _ in 1 2 3 4 5; do
        t+=("$(curl -s -o /dev/null -w '%{time_total}' \
            -H "Authorization: Bearer $token" "$url")")
    done
    printf '%s\n' "${t[@]}" | sort -n | sed -n 3p | xargs printf '%-28s %s s\n' "$what"
}
median "dashboard 7d" "$base/agents/1/dashboard?dateRange=7d"
median "dashboard 30d" "$base/agents/1/dashboard?dateRange=30d"
median "dashboard all" "$base/agents/1/dashboard?dateRange=all"
median "every agent, 30d" "$base/dashboard?dateRange=30d"
median "CSV export, all" "$base/agents/1/export-executions?dateRange=all"
median "history q, one match" "$base/executions?q=ada777@example.com"
median "history q, no match" "$base/executions?q=nobody@nowhere.example"
# A live history opens with the runs still open: the time to its first
# byte is that search (the stream itself is cut after 0.5 s).
median_start() {
    local what=$1 url=$2 t=()
    for _ in 1 2 3 4 5; do
        t+=("$(curl -s -N -o /dev/null --max-time 0.5 -w '%{time_starttransfer}' \
            -H "Authorization: Bearer $token" "$url" || true)")
    done
    printf '%s\n' "${t[@]}" | sort -n | sed -n 3p | xargs printf '%-28s %s s\n' "$what"
}
median_start "live history, first byte" "$base/executions/events"
median_start "live, one agent, first byte" "$base/agents/1/executions/events"

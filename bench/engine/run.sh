#!/usr/bin/env bash
# Engine benchmark (issue 4), side by side with the BullMQ peer harness in
# the same session.
#
#   bench/engine/run.sh            everything (about 6 minutes)
#   PEER=0 bench/engine/run.sh     agentd only
#
# Environment: RUNS (repetitions of each agentd case, default 3), N (runs
# per throughput case, default 20000), PARKED (default 100000), PEER (1:
# run ../shared/bench/peers/bullmq too, if present). The latency case runs
# twice: triggers one at a time, and in bursts of 4 (BENCH_BURST=1); then
# runs started by an `agentd worker` process (worker_wake.py). Output:
# one JSON line per agentd run and the peer's summary, then a table of
# medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
N=${N:-20000}
PARKED=${PARKED:-100000}
PEER=${PEER:-1}
make --no-print-directory build/release/bench/engine_bench >/dev/null
B=build/release/bench/engine_bench
OUT=var/bench/engine-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
echo "machine: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1048576)}') GiB" | tee "$OUT/machine.txt"

peer_dir=../shared/bench/peers/bullmq
if [ "$PEER" = 1 ] && [ -d "$peer_dir" ]; then
    # The harness writes next to itself; run a copy.
    work=var/bench/bullmq-peer
    if [ ! -d "$work/node_modules/bullmq" ]; then
        rm -rf "$work"
        mkdir -p "$work"
        cp -r "$peer_dir"/. "$work"/
        chmod -R u+w "$work"
        (cd "$work" && npm install --no-audit --no-fund >/dev/null 2>&1)
    fi
    (cd "$work" && PHASES=${PHASES:-latency,delayed,flow_inline} \
        RUNS_NOAOF=${RUNS_NOAOF:-3} RUNS_AOF=${RUNS_AOF:-1} ./run.sh) \
        2>"$OUT/bullmq.log" | tee "$OUT/bullmq-summary.md"
fi

for i in $(seq 1 "$RUNS"); do
    $B remember "$N" | tee -a "$OUT/agentd.jsonl"
    $B crm $((N / 4)) | tee -a "$OUT/agentd.jsonl"
    $B resume "$N" | tee -a "$OUT/agentd.jsonl"
    $B latency 10 | tee -a "$OUT/agentd.jsonl"
    BENCH_BURST=1 $B latency 10 | tee -a "$OUT/agentd.jsonl"
done
$B lateness "$PARKED" 2>>"$OUT/lateness.log" | tee -a "$OUT/agentd.jsonl"
cat "$OUT/lateness.log"
# A run started by an `agentd worker` process (woken by the API process).
make --no-print-directory agentd >/dev/null
for i in $(seq 1 "$RUNS"); do
    AGENTD_BIN=$PWD/agentd /usr/bin/python3 bench/engine/worker_wake.py 300 |
        tee -a "$OUT/agentd.jsonl"
done

/usr/bin/python3 - "$OUT/agentd.jsonl" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def med(bench, key, case=None):
    xs = [r[key] for r in rows if r["bench"] == bench and
          (case is None or r.get("case", "").startswith(case)
           or str(r.get("burst")) == case)]
    return (statistics.median(xs), xs) if xs else (None, [])
print("\n| agentd case | median | runs |\n|---|---|---|")
for label, b, k, c in [
        ("3 x remember, runs/s", "remember", "runs_per_s", None),
        ("CRM search 10 -> tag -> task, runs/s", "crm", "runs_per_s", None),
        ("resumes of parked runs (wait -> remember), /s", "resume",
         "resumes_per_s", None),
        ("HTTP trigger -> first step p50, ms", "latency", "p50_ms", "1"),
        ("HTTP trigger -> first step p99, ms", "latency", "p99_ms", "1"),
        ("same, bursts of 4: p50, ms", "latency", "p50_ms", "4"),
        ("same, bursts of 4: p99, ms", "latency", "p99_ms", "4"),
        ("wait lateness p99 (spread), ms", "lateness", "p99_ms", "spread"),
        ("wait lateness p99 (burst 10000), ms", "lateness", "p99_ms", "burst"),
        ("trigger -> first step in a worker process p50, ms", "worker_wake",
         "p50_ms", None),
        ("trigger -> first step in a worker process p99, ms", "worker_wake",
         "p99_ms", None)]:
    m, xs = med(b, k, c)
    print(f"| {label} | {m} | {', '.join(str(x) for x in xs)} |")
EOF
echo "results in $OUT"

#!/usr/bin/env bash
# The UI benchmark: Belfry's real window (under Xvfb) against the frontend guide's own React bell in headless
# Chromium (../shared/bench/ui-peer, copied and installed from its lockfile, used as it is), both fed by the peer's
# socket.io 4.8 flood server, on the same scenarios, run alternately, several rounds; one JSON line per run in
# target/bench/ui.jsonl, then a table of medians against the issue's targets. Definitions: the peer's README.
# Usage: bench/ui.sh [ROUNDS]   (default 3, about 15 minutes)
#        bench/ui.sh --quick    (1 round, smaller runs: a check that everything works, not figures to quote)
# Needs chromium (apt-get install -y --no-install-recommends chromium), Xvfb, node and npm. Every measured run holds
# the lock BELFRY_BENCH_LOCK (default /tmp/belfry-bench.lock), so benchmarks of other checkouts never overlap it.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
if [ "${1:-}" = --quick ]; then
  quick=true
  shift
fi
rounds=${1:-3}
$quick && rounds=1
peer_src=${BELFRY_UI_PEER:-../shared/bench/ui-peer}
lock=${BELFRY_BENCH_LOCK:-/tmp/belfry-bench.lock}
work=target/bench
mkdir -p "$work"
for tool in chromium Xvfb node npm flock; do
  command -v "$tool" >/dev/null || { echo "bench/ui.sh needs $tool" >&2; exit 2; }
done

. bench/lib.sh
bench_ui_peer "$peer_src"

bench_classpath

bench_xvfb # Belfry's window's X server

if $quick; then
  scenarios=("paced 600 100 100" "paced 1500 1000 100" "flood 5000 100" "flood 5000 1000" "idle 10" "startup")
else
  scenarios=("paced 3000 100 100" "paced 3000 1000 100" "flood 50000 100" "flood 50000 1000" "idle 60" "startup")
fi
echo "UI benchmark: $rounds rounds; $(nproc) cores; $(chromium --version 2>/dev/null); $(java -version 2>&1 | head -n 1);" \
  "Belfry's window on $DISPLAY with the installed app's JVM options"
: > "$work/ui.belfry.log"
: > "$work/ui.jsonl"
# A failed run prints its error as its JSON line, and the benchmark goes on.
peer() {
  { (cd "$work/ui-peer" && flock "$lock" node run.mjs "$@") || true; } \
    | sed "s/^{/{\"round\":$round,\"who\":\"peer\",/" | tee -a "$work/ui.jsonl"
}
belfry() {
  { flock "$lock" java -Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dbelfry.bench.log="$work/ui.belfry.log" \
      -cp "$cp" app.belfry.ui.UiBenchmark "$work/ui-peer" "$@" || true; } \
    | sed "s/^{\"who\":\"belfry\",/{\"round\":$round,\"who\":\"belfry\",/" | tee -a "$work/ui.jsonl"
}
for round in $(seq "$rounds"); do
  for scenario in "${scenarios[@]}"; do
    read -r -a run <<< "$scenario"
    # Alternately first: the one that runs second never always finds the machine warmer.
    if [ $((round % 2)) -eq 1 ]; then
      peer "${run[@]}"; belfry "${run[@]}"
    else
      belfry "${run[@]}"; peer "${run[@]}"
    fi
  done
  echo "round $round done"
done

python3 - "$work/ui.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
failed = [r for r in rows if "error" in r]
rows = [r for r in rows if "error" not in r]
def get(r, path):
    for k in path.split("."):
        r = r.get(k) if isinstance(r, dict) else None
    return r
def values(who, pick, path):
    return [v for r in rows if r["who"] == who and pick(r) for v in [get(r, path)] if isinstance(v, (int, float))]
def cell(vs):
    if not vs:
        return "-", None
    m = statistics.median(vs)
    return (f"{m:,.2f}" if len(vs) == 1 else f"{m:,.2f} [{min(vs):,.2f}–{max(vs):,.2f}]"), m
paced = lambda rate: lambda r: r["scenario"] == "paced" and r.get("rate") == rate
flood = lambda cap: lambda r: r["scenario"] == "flood" and r.get("cap") == cap
idle = lambda r: r["scenario"] == "idle"
every = lambda r: True
# (label, scenario filter, field, target kind, target value): "ratio" ≤ value × the peer's; "at most": Belfry ≤ value.
table = [
    ("paced at 100/s, cap 100", paced(100), "emitRatePerSec", None, None),
    ("", paced(100), "onScreen.p50Ms", None, None),
    ("", paced(100), "onScreen.p99Ms", "ratio", 0.5),
    ("", paced(100), "onScreen.maxMs", "ratio", 1.0),
    ("paced at 1,000/s, cap 100", paced(1000), "emitRatePerSec", None, None),
    ("", paced(1000), "onScreen.p50Ms", None, None),
    ("", paced(1000), "onScreen.p99Ms", "ratio", 0.5),
    ("", paced(1000), "onScreen.maxMs", "ratio", 1.0),
    ("flood, cap 100", flood(100), "drainMs", "ratio", 0.5),
    ("", flood(100), "frames", None, None),
    ("", flood(100), "frameGapsOver50Ms", "at most", 0),
    ("", flood(100), "maxFrameGapMs", "at most", 50),
    ("flood, cap 1,000", flood(1000), "drainMs", "ratio", 0.5),
    ("", flood(1000), "frames", None, None),
    ("", flood(1000), "frameGapsOver50Ms", "at most", 0),
    ("", flood(1000), "maxFrameGapMs", "at most", 50),
    ("idle, 100 shown", idle, "cpuPercentOfOneCore", "at most", 0.1),
    ("", idle, "wakeupsPerSec", "at most", 10),
    ("", idle, "pssMB", "ratio", 0.5),
    ("", idle, "rssMB", None, None),
    ("start-up (every run)", every, "startupMs", "ratio", 1.0),
]
print()
print("| scenario | figure (median [min–max]) | guide's UI in Chromium | Belfry's window | Belfry / peer | target | met |")
print("|---|---|---|---|---|---|---|")
for label, pick, path, kind, target in table:
    (p_text, p), (b_text, b) = cell(values("peer", pick, path)), cell(values("belfry", pick, path))
    ratio = f"{b / p:.2f}" if p and b is not None else "-"
    if kind == "ratio":
        goal, met = f"≤ {target:g} × peer", (b is not None and p is not None and b <= target * p)
    elif kind == "at most":
        goal, met = f"≤ {target:g}", (b is not None and b <= target)
    else:
        goal, met = "", None
    print(f"| {label} | {path} | {p_text} | {b_text} | {ratio} | {goal} | {'' if met is None else 'yes' if met else 'no'} |")
bad = [r for r in rows if isinstance(r.get("badge"), dict) and not r["badge"].get("ok")]
print()
print(f"{len(rows)} runs; badge wrong at the end in {len(bad)}; failed runs: {len(failed)}"
      + "".join(f"\n  {r['who']} {r.get('scenario')}: {r['error']}" for r in failed))
PY

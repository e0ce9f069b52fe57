#!/usr/bin/env bash
# The ingest benchmark: Belfry's client core against the guide's own store logic on the official Node client,
# both reading from the same real socket.io 4.8 flood server on loopback WebSocket, run alternately, several rounds.
# Usage: bench/ingest.sh [ROUNDS]   (default 5; needs ../shared/bench beside the checkout, node and npm)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
peer_src=${BELFRY_BENCH_PEER:-../shared/bench}
work=target/bench
mkdir -p "$work"

# The peer, used as it is: copied (../shared is read-only), installed from its own lockfile.
rm -rf "$work/peer" && cp -r "$peer_src" "$work/peer"
(cd "$work/peer" && npm ci --no-audit --no-fund --silent)

. bench/lib.sh
bench_classpath
# Belfry runs with the JVM options its installers give it (packaging/jpackage-app.txt): C1 only, the serial
# collector, a 256 MB heap. "default JVM" is the same consumer on a plain `java` (C2, the default heap), for scale.
read -r -a app_options <<< "$(sed -n 's/^--java-options //p' packaging/jpackage-app.txt | tr '\n' ' ')"

node "$work/peer/flood-server.mjs" 0 > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q listening "$work/server.log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/server.log")
echo "flood server: $url; $rounds rounds; $(nproc) cores; $(java -version 2>&1 | head -n 1); Belfry's JVM options: ${app_options[*]}"

scenarios=("50000 0 100" "50000 0 1000" "10000 1000 100")
: > "$work/results.jsonl"
for round in $(seq "$rounds"); do
  for scenario in "${scenarios[@]}"; do
    read -r n rate cap <<< "$scenario"
    node "$work/peer/peer-consumer.mjs" "$url" "$n" "$rate" "$cap" | sed "s/^{/{\"round\":$round,\"who\":\"peer\",/" >> "$work/results.jsonl"
    java "${app_options[@]}" -cp "$cp" app.belfry.net.IngestBenchmark "$url" "$n" "$rate" "$cap" 2>/dev/null \
      | sed "s/^{/{\"round\":$round,\"who\":\"belfry\",/" >> "$work/results.jsonl"
    java -cp "$cp" app.belfry.net.IngestBenchmark "$url" "$n" "$rate" "$cap" 2>/dev/null \
      | sed "s/^{/{\"round\":$round,\"who\":\"default\",/" >> "$work/results.jsonl"
  done
  echo "round $round done"
done

python3 - "$work/results.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def med(who, n, rate, cap, key):
    vals = [r[key] for r in rows if key in r and r["who"] == who and r["n"] == n and r["rate"] == rate and r["cap"] == cap]
    return statistics.median(vals) if vals else float("nan")
print()
print("| scenario | figure | Node peer (guide reducer) | Belfry | Belfry / peer | Belfry, default JVM | its / peer |")
print("|---|---|---|---|---|---|---|")
for n, rate, cap in [(50000, 0, 100), (50000, 0, 1000), (10000, 1000, 100)]:
    name = f"flood {n:,}, cap {cap:,}" if rate == 0 else f"{rate:,}/s paced, {n:,}, cap {cap:,}"
    keys = [("perSec", "notifications/s"), ("serverPerSec", "server emitted/s")] if rate == 0 else [("p50ms", "p50 ms"), ("p99ms", "p99 ms"), ("maxms", "max ms")]
    keys.append(("rssMB", "RSS MB"))
    for key, label in keys:
        p, b, d = med("peer", n, rate, cap, key), med("belfry", n, rate, cap, key), med("default", n, rate, cap, key)
        ratio = lambda x: f"{x / p:.2f}" if p == p and p else "-"
        cell = lambda x: f"{x:,.3f}" if x == x else "-"
        print(f"| {name} | {label} (median) | {cell(p)} | {cell(b)} | {ratio(b)} | {cell(d)} | {ratio(d)} |")
PY

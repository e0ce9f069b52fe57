#!/usr/bin/env bash
# The long run: a million notifications through Belfry's real window (under Xvfb, the installed app's JVM options,
# the dropdown open, 100 kept) from a real socket.io 4.8 server at 2,000 a second, about 8.5 minutes. Prints one JSON
# line (frames over 50 ms after the first minute; the heap after the full collections of the last half; resident
# memory against its value after the first minute), writes every second's figures to target/bench/longrun.csv and
# draws them in docs/longrun.png.
# Usage: bench/longrun.sh [N] [RATE]   (default 1000000 2000). Needs Xvfb, node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
rate=${2:-2000}
lock=${BELFRY_BENCH_LOCK:-/tmp/belfry-bench.lock}
work=target/bench
mkdir -p "$work"
for tool in Xvfb node npm flock; do
  command -v "$tool" >/dev/null || { echo "bench/longrun.sh needs $tool" >&2; exit 2; }
done
(cd src/test/node && [ -d node_modules/socket.io ] || npm ci --no-audit --no-fund --silent)

. bench/lib.sh
bench_classpath

bench_xvfb

echo "Long run: $n notifications at $rate/s; $(nproc) cores; $(java -version 2>&1 | head -n 1)"
# The peer's folder is only where UiBenchmark would find a server; the long run's own server replaces it.
flock "$lock" java -Xmx64m -XX:+UseSerialGC -Dbelfry.bench.log="$work/longrun.log" \
  -Dbelfry.bench.server="$PWD/src/test/node/long-run-server.mjs" \
  -Dbelfry.bench.jvmOptions="-Dbelfry.bench.samples=$PWD/$work/longrun.csv" \
  -cp "$cp" app.belfry.ui.UiBenchmark "$work" long "$n" "$rate" 100 | tee "$work/longrun.json"
java -cp "$cp" app.belfry.ui.LongRunPlot "$work/longrun.csv" docs/longrun.png "$n" "$rate"
echo "the curve: docs/longrun.png; every second: $work/longrun.csv"

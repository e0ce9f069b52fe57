#!/usr/bin/env bash
# The search benchmark: what one keystroke in the inbox's search costs with 10,000 notifications kept (the most
# --keep allows), run with the JVM options the installers give Belfry, several runs; prints each run's JSON lines and
# the medians. Usage: bench/search.sh [RUNS] [N]   (default 5 and 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
n=${2:-10000}
work=target/bench
mkdir -p "$work"
. bench/lib.sh
bench_classpath
read -r -a app_options <<< "$(sed -n 's/^--java-options //p' packaging/jpackage-app.txt | tr '\n' ' ')"
echo "search benchmark: $n notifications, $runs runs; $(nproc) cores; $(java -version 2>&1 | head -n 1); JVM options: ${app_options[*]}"
: > "$work/search.jsonl"
for run in $(seq "$runs"); do
  java "${app_options[@]}" -cp "$cp" app.belfry.ui.SearchBenchmark "$n" 20 | sed "s/^{/{\"run\":$run,/" | tee -a "$work/search.jsonl"
done
# Medians over the runs, of each run's figures.
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const cold = lines.filter(l => l.phase === "cold").map(l => l.ms);
const first = lines.filter(l => l.phase === "first");
const typing = lines.filter(l => l.phase === "typing");
console.log(`medians of ${typing.length} runs: the fold when the field takes the focus ${median(first.map(l => l.foldMs)).toFixed(2)} ms ` +
  `(off the FX thread), then the first keystroke ${median(first.map(l => l.ms)).toFixed(2)} ms; ` +
  `a first keystroke that folds every text itself ${median(cold).toFixed(2)} ms; ` +
  `a keystroke: median ${median(typing.map(l => l.median)).toFixed(2)} ms, p95 ${median(typing.map(l => l.p95)).toFixed(2)} ms, ` +
  `max ${median(typing.map(l => l.max)).toFixed(2)} ms (target: under 16 ms)`);
' "$work/search.jsonl"

#!/usr/bin/env bash
# The idle benchmark: what Belfry costs while nothing happens. It starts a reference backend, publishes 30
# notifications, signs Belfry in (a real window under Xvfb, software rendering, the installers' JVM options, a session
# bus of its own), lets it settle, and then counts, per thread, the context switches and the CPU time over a while in
# which nothing arrives (/proc/PID/task/*). Two cases: the window shown, and the window hidden in the tray (--minimized,
# with trayer as the tray's host). A wake-up is a voluntary context switch: a thread that went to sleep and was woken;
# "switches" adds the involuntary ones (preempted while running: they grow with the machine's other load). CPU is the
# threads' time on a CPU (schedstat, in ns), in % of one core.
# Prints a table and a JSON line per case and round, then the medians over the rounds.
# Needs xvfb, trayer, dbus-daemon, curl and node, and `mvn package` first.
# Usage: bench/idle.sh [ROUNDS]   (default 1; IDLE_SETTLE=30 and IDLE_SECONDS=60 seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-1}
settle=${IDLE_SETTLE:-30}
seconds=${IDLE_SECONDS:-60}
jar=target/belfry.jar
work=$(mktemp -d)
results=target/bench/idle.jsonl
mkdir -p target/bench
[ -f $jar ] || mvn -o -q package -DskipTests
read -r -a app_options <<< "$(sed -n 's/^--java-options //p' packaging/jpackage-app.txt | tr '\n' ' ')"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The display, and a session bus as on a desktop (no notification service or portal on it: the fallbacks run).
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3> "$work/display" >/dev/null 2>&1 &
pids+=($!); xvfb=$!
until [ -s "$work/display" ]; do sleep 0.1; done
export DISPLAY=:$(cat "$work/display")
dbus-daemon --session --fork --print-address=1 --print-pid=1 > "$work/bus"
export DBUS_SESSION_BUS_ADDRESS=$(sed -n 1p "$work/bus")
pids+=("$(sed -n 2p "$work/bus")")

# The backend, 30 notifications, and then nothing.
java -cp $jar app.belfry.server.ReferenceServer --port 0 --user a@b.c:pw --admin-token adm > "$work/server.log" 2>&1 &
pids+=($!)
until url=$(sed -n 's/^Reference backend listening on //p' "$work/server.log" | grep .); do sleep 0.2; done
types=(info success warning error)
for i in $(seq 30); do
  curl -sf -X POST "$url/api/notifications" -H 'Authorization: Bearer adm' -H 'Content-Type: application/json' \
    -d "{\"email\":\"a@b.c\",\"type\":\"${types[i % 4]}\",\"title\":\"Notification $i\",\"message\":\"Message number $i, which says what happened.\"}" >/dev/null
done
token=$(curl -sf -X POST "$url/api/auth/sign-in/email" -H 'Content-Type: application/json' \
  -d '{"email":"a@b.c","password":"pw"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')

# One snapshot of every thread of a process: name, voluntary and involuntary switches, nanoseconds on a CPU.
snapshot() {
  node -e '
const fs = require("fs"), pid = process.argv[1], out = {};
for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
  try {
    const dir = `/proc/${pid}/task/${tid}`;
    const status = fs.readFileSync(`${dir}/status`, "utf8");
    const field = name => Number(status.match(new RegExp(`^${name}:\\s*(\\d+)`, "m"))[1]);
    out[tid] = { name: fs.readFileSync(`${dir}/comm`, "utf8").trim(), voluntary: field("voluntary_ctxt_switches"),
      involuntary: field("nonvoluntary_ctxt_switches"),
      cpuNs: Number(fs.readFileSync(`${dir}/schedstat`, "utf8").split(" ")[0]) };
  } catch (e) { /* the thread ended meanwhile */ }
}
const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
const ticks = Number(stat[11]) + Number(stat[12]);
console.log(JSON.stringify({ at: process.hrtime.bigint().toString(), ticks, threads: out }));' "$1"
}

# The difference of two snapshots, per thread name (threads of one name summed), as a table and one JSON line.
report() { # case round before after pid
  node -e '
const fs = require("fs");
const [kind, round, beforeFile, afterFile, pid] = process.argv.slice(1);
const before = JSON.parse(fs.readFileSync(beforeFile, "utf8")), after = JSON.parse(fs.readFileSync(afterFile, "utf8"));
const seconds = Number(BigInt(after.at) - BigInt(before.at)) / 1e9;
const perName = {};
for (const [tid, t] of Object.entries(after.threads)) {
  const b = before.threads[tid] || { voluntary: 0, involuntary: 0, cpuNs: 0 };
  const p = perName[t.name] ||= { threads: 0, wakeups: 0, switches: 0, cpuNs: 0 };
  p.threads++; p.wakeups += t.voluntary - b.voluntary;
  p.switches += t.voluntary - b.voluntary + t.involuntary - b.involuntary; p.cpuNs += t.cpuNs - b.cpuNs;
}
const round2 = x => Math.round(x * 100) / 100;
const rows = Object.entries(perName).map(([name, p]) => ({ name, threads: p.threads, wakeups: round2(p.wakeups / seconds),
  switches: round2(p.switches / seconds), cpu: Math.round(p.cpuNs / seconds / 1e9 * 100 * 1000) / 1000 }))
  .sort((a, b) => b.switches - a.switches || b.cpu - a.cpu);
const sum = key => rows.reduce((s, r) => s + r[key], 0);
const ended = Object.keys(before.threads).filter(tid => !(tid in after.threads)).length;
const started = Object.keys(after.threads).filter(tid => !(tid in before.threads)).length;
const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
const kb = name => Number(rollup.match(new RegExp(`^${name}:\\s*(\\d+)`, "m"))[1]);
const line = { case: kind, round: Number(round), seconds: round2(seconds), wakeups: round2(sum("wakeups")),
  switches: round2(sum("switches")), cpu: Math.round(sum("cpu") * 1000) / 1000,
  cpuTicks: Math.round((after.ticks - before.ticks) / seconds * 1000) / 1000, started, ended,
  rssMb: round2(kb("Rss") / 1024), pssMb: round2(kb("Pss") / 1024),
  threads: Object.fromEntries(rows.filter(r => r.switches >= 0.05 || r.cpu >= 0.001)
    .map(r => [r.name, { wakeups: r.wakeups, switches: r.switches, cpu: r.cpu }])) };
console.error(`${kind}, round ${round}: ${seconds.toFixed(1)} s, ${rows.length} thread names`);
console.error("  thread                 n  wake-ups/s  switches/s  CPU %");
for (const r of rows.filter(r => r.switches >= 0.05 || r.cpu >= 0.001)) {
  console.error(`  ${r.name.padEnd(20)} ${String(r.threads).padStart(3)} ${r.wakeups.toFixed(2).padStart(11)} ` +
    `${r.switches.toFixed(2).padStart(11)} ${r.cpu.toFixed(3).padStart(6)}`);
}
console.error(`  whole process: ${line.wakeups} wake-ups/s, ${line.switches} switches/s, CPU ${line.cpu} % of a core ` +
  `(${line.cpuTicks} % by the kernel 10 ms ticks), RSS ${line.rssMb} MB, PSS ${line.pssMb} MB; ` +
  `threads started ${started}, ended ${ended} (what ended threads did meanwhile is not counted)`);
console.log(JSON.stringify(line));' "$@"
}

measure() { # case round options...
  local kind=$1 round=$2 data app; shift 2
  data=$(mktemp -d -p "$work")
  # No -Dprism.order here: without a GPU device Belfry picks software rendering itself and keeps GTK from loading
  # Mesa (Rendering); a pipeline given on the command line is the user's choice, and GTK loads Mesa (50 MB) again.
  BELFRY_TOKEN=$token java "${app_options[@]}" -jar $jar --data-dir "$data" --server "$url" "$@" \
    > "$work/app-$kind-$round.log" 2>&1 &
  app=$!; pids+=($app)
  sleep "$settle"
  local shown
  shown=$(grep -o '"id"' "$data"/accounts/*/history.json 2>/dev/null | wc -l || true)
  [ "$shown" -eq 30 ] || { echo "Belfry holds $shown notifications, not 30:" >&2; tail -n 20 "$work/app-$kind-$round.log" >&2; exit 1; }
  snapshot $app > "$work/before"
  sleep "$seconds"
  snapshot $app > "$work/after"
  report "$kind" "$round" "$work/before" "$work/after" $app | tee -a "$results"
  kill $app; wait $app 2>/dev/null || true
}

echo "idle benchmark: $rounds round(s), ${settle} s to settle, ${seconds} s measured; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
: > "$results"
for round in $(seq "$rounds"); do
  measure shown "$round"
  trayer --edge top --align right --widthtype pixel --width 64 --height 24 >/dev/null 2>&1 &
  tray=$!; pids+=($tray); sleep 1
  measure tray "$round" --minimized
  kill $tray; wait $tray 2>/dev/null || true
done

# Medians over the rounds, per case: the totals and each thread's figures.
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (const kind of [...new Set(lines.map(l => l.case))]) {
  const of = lines.filter(l => l.case === kind);
  const names = [...new Set(of.flatMap(l => Object.keys(l.threads)))];
  const threads = Object.fromEntries(names.map(n => [n, Object.fromEntries(["wakeups", "switches", "cpu"].map(k =>
    [k, median(of.map(l => (l.threads[n] || {})[k] || 0))]))]).sort((a, b) => b[1].switches - a[1].switches));
  console.log(JSON.stringify({ case: kind, medianOf: of.length, wakeups: median(of.map(l => l.wakeups)),
    switches: median(of.map(l => l.switches)), cpu: median(of.map(l => l.cpu)), rssMb: median(of.map(l => l.rssMb)),
    pssMb: median(of.map(l => l.pssMb)), threads }));
}' "$results"

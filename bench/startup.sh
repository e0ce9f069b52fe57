#!/usr/bin/env bash
# Start-up of the installed app against the UI peer: Belfry's .deb installed at /opt/belfry (its AppCDS archive works
# only there) run with --smoke-test (process start to connected, on the embedded demo backend), and the frontend
# guide's React bell in headless Chromium (../shared/bench/ui-peer's `run.mjs startup`: launch to the first frame
# showing the bell connected), alternately, RUNS times each; prints both medians. Each Belfry run gets a fresh home
# folder and a session bus of its own, as on a desktop, on one Xvfb screen.
# Usage: bench/startup.sh [RUNS]   (default 9). Needs /opt/belfry (mvn -Ppackage package -DskipTests, then
# dpkg -i target/installer/*.deb, or dpkg -x it to /), chromium, Xvfb, dbus-run-session, node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
peer_src=${BELFRY_UI_PEER:-../shared/bench/ui-peer}
lock=${BELFRY_BENCH_LOCK:-/tmp/belfry-bench.lock}
launcher=${BELFRY_LAUNCHER:-/opt/belfry/bin/Belfry}
work=target/bench
mkdir -p "$work"
[ -x "$launcher" ] || { echo "bench/startup.sh needs the installed app at $launcher" >&2; exit 2; }
for tool in chromium Xvfb dbus-run-session node npm flock; do
  command -v "$tool" >/dev/null || { echo "bench/startup.sh needs $tool" >&2; exit 2; }
done
. bench/lib.sh
[ -d "$work/ui-peer/node_modules" ] || bench_ui_peer "$peer_src"
bench_xvfb
echo "Start-up: $runs runs each, alternately; $(nproc) cores; $("$launcher" --version 2>/dev/null | head -n 1)"
: > "$work/startup.txt"
for run in $(seq "$runs"); do
  peer() {
    (cd "$work/ui-peer" && flock "$lock" node run.mjs startup) \
      | sed -n 's/.*"startupMs":\([0-9.]*\).*/peer \1/p' >> "$work/startup.txt"
  }
  belfry() {
    home=$(mktemp -d)
    HOME=$home XDG_CONFIG_HOME=$home/.config flock "$lock" dbus-run-session -- "$launcher" --smoke-test \
      | sed -n 's/.*first frame \([0-9]*\) ms, connected \([0-9]*\) ms.*/belfry \2 \1/p' >> "$work/startup.txt"
    rm -rf "$home"
  }
  if [ $((run % 2)) -eq 1 ]; then peer; belfry; else belfry; peer; fi
done
python3 - "$work/startup.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
peer = [float(r[1]) for r in rows if r[0] == "peer"]
connected = [float(r[1]) for r in rows if r[0] == "belfry"]
frame = [float(r[2]) for r in rows if r[0] == "belfry"]
print("| | runs | median | min-max |\n|---|---|---|---|")
print("| the guide's UI in Chromium: launch to the bell connected on screen | %d | %.0f ms | %.0f-%.0f ms |"
      % (len(peer), statistics.median(peer), min(peer), max(peer)))
print("| Belfry installed: process start to the first frame | %d | %.0f ms | %.0f-%.0f ms |"
      % (len(frame), statistics.median(frame), min(frame), max(frame)))
print("| Belfry installed: process start to connected | %d | %.0f ms | %.0f-%.0f ms |"
      % (len(connected), statistics.median(connected), min(connected), max(connected)))
print("Belfry / peer (connected): %.2f" % (statistics.median(connected) / statistics.median(peer)))
PY

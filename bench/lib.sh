# Shared by the benchmarks (sourced, from the checkout's top, with $work set): the test class path, an X server, the
# UI peer.

# Compiles the tests and sets $cp to the test class path (offline first, then with the network).
bench_classpath() {
  mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test \
    || mvn -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test
  cp="target/test-classes:target/classes:$(cat "$work/classpath.txt")"
}

# Starts an Xvfb as large as the peer's Chromium window on a free display, exports DISPLAY, and stops it on exit.
bench_xvfb() {
  rm -f "$work/xvfb.display"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/xvfb.display" 2>/dev/null &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null' EXIT
  for _ in $(seq 50); do [ -s "$work/xvfb.display" ] && break; sleep 0.1; done
  export DISPLAY=":$(tr -d '[:space:]' < "$work/xvfb.display")"
}

# The UI peer, used as it is: copied from $1 to $work/ui-peer (../shared is read-only) and installed from its own
# lockfile. Its build checks that the guide's files are verbatim when it finds the guide beside it (../../seed from
# the copy, so target/seed).
bench_ui_peer() {
  rm -rf "$work/ui-peer" && cp -r "$1" "$work/ui-peer"
  if [ -d "$1/../../seed" ]; then
    ln -sfn "$(cd "$1/../../seed" && pwd)" target/seed
  fi
  (cd "$work/ui-peer" && npm ci --no-audit --no-fund --silent && node build.mjs >/dev/null)
}

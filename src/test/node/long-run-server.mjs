// The long run's server (bench/longrun.sh): a real socket.io 4.8 server whose `go` ({n, rate}) emits n notifications
// of the UI peer's flood server's shape at `rate` a second, paced by the clock in ticks of 10 ms (a timer per
// notification, as the peer's server waits, cannot go faster than about a thousand a second).
// Usage: node long-run-server.mjs [port]   (prints "flood server listening on http://127.0.0.1:PORT")
import { createServer } from "node:http";
import { Server } from "socket.io";

const http = createServer((req, res) => res.writeHead(404).end());
const io = new Server(http, { transports: ["websocket"] });
const types = ["info", "success", "warning", "error"];

// To the namespace, not the socket that asked: a client that reconnects (Belfry does when the machine stalls as if it
// had slept) keeps receiving, and the run ends, with what it missed meanwhile counted as not shown.
const nsp = io.of("/notifications");
nsp.on("connection", (socket) => {
  socket.on("go", ({ n = 1000000, rate = 2000 } = {}) => {
    const start = performance.now();
    let i = 0;
    const tick = () => {
      const due = Math.min(n, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      for (; i < due; i++) {
        nsp.emit("notification:new", {
          id: `bench-${Date.now()}-${i}`, type: types[i % 4], title: `Build ${i} finished`,
          message: `Pipeline ${i} on main passed all 412 checks in 3m ${i % 60}s.`,
          createdAt: new Date().toISOString(), read: false, sentNs: process.hrtime.bigint().toString(),
        });
      }
      if (i < n) setTimeout(tick, 10);
    };
    tick();
  });
});
http.listen(+(process.argv[2] || 0), "127.0.0.1", () =>
  console.log(`flood server listening on http://127.0.0.1:${http.address().port}`));

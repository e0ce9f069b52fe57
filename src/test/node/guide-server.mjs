// A Node socket.io server that behaves like the backend of the frontend guide Belfry ports
// (shared/seed/000_7ae4b02d30e158c1.txt): the wire contract WITHOUT Belfry's extensions, for conformance tests.
//
//   node guide-server.mjs [port] [--no-ack-mark-read] [--since]
//
//   port                 0 (the default) picks a free port; it listens on 127.0.0.1 only
//   --no-ack-mark-read   mark:read is handled but never acknowledged (the guide's types give it no ack)
//   --since              replay unread notifications newer than auth.since at the handshake (an extension; off)
//
// It prints "guide server listening on http://127.0.0.1:PORT" once ready, and exits when stdin closes, so a test
// that dies does not leave it behind.
//
// Like the guide's backend: namespace /notifications with connection state recovery on (so every broadcast
// event carries a trailing offset argument); auth in a namespace middleware from auth.token or the
// better-auth.session_token cookie; rooms user:{id} and broadcast; subscribe:channel with the guide's ACL;
// mark:read (ack {success}) fanned out as notification:updated to user:{id}; 100 client events per rolling minute
// per connection. Unlike Belfry's reference backend it has NO mark:read:batch (never answered) and, unless
// --since is given, no auth.since catch-up.
//
// socket.io runs with its defaults otherwise; note that engine.io, attached to the HTTP port, ends any upgrade
// request that is not its own without an answer (destroyUpgrade), so an "Upgrade: h2c" sign-in gets no reply,
// as it would from any Node backend that serves its API and socket.io on one port.
//
// Users (id, email, password):  "1" ada@example.com "ada-password",  "2" grace@example.com "grace-password"
//
// HTTP on the same port:
//   POST /api/auth/sign-in/email {email, password}  200 {token, user} + Set-Cookie better-auth.session_token=…
//                                                   401 {message: "Invalid email or password"}
//   POST /api/auth/sign-out   (cookie or "Authorization: Bearer …")  200 {success: true}
//
// Test-only control endpoints: no auth, loopback callers only, JSON in and out.
//   POST /test/publish      {userId, type?, title?, message?, createdAt?}  stores a notification and emits it as
//                           notification:new to user:{userId}; answers the notification
//   POST /test/raw          {userId, payload}  emits payload, whatever JSON it is, as notification:new to
//                           user:{userId}, unchecked and unstored (for malformed-payload tests)
//   POST /test/revoke       {userId}  ends the user's sessions; each of their sockets gets
//                           error {code: "UNAUTHORIZED"} and is disconnected
//   POST /test/disconnect   {userId}  disconnects the user's sockets server-side ("io server disconnect")
//   GET  /test/events       the client events received, in order: [{name, payload, userId, socketId, limited}]
//   GET  /test/connections  {handshakes, accepted, refused, open, log: [{socketId, userId, auth, transport,
//                           disconnectReason}]}
//   GET  /test/await-handshakes?above=N&timeoutMs=T  answers {handshakes} as soon as more than N namespace
//                           handshakes were attempted, or after T ms (a latch for tests, not a sleep)
//   GET  /test/await-events?name=E&count=N&timeoutMs=T  answers the events named E (as /test/events does) as
//                           soon as at least N of them were received and handled, or after T ms
//   GET  /test/notifications?userId=ID  the user's stored notifications, oldest first

import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { Server } from "socket.io";

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")));
const known = new Set(["--no-ack-mark-read", "--since"]);
for (const flag of flags) {
  if (!known.has(flag)) {
    console.error(`unknown option ${flag}`);
    process.exit(2);
  }
}
const port = Number(args.find((a) => !a.startsWith("--")) ?? 0);
const ACK_MARK_READ = !flags.has("--no-ack-mark-read");
const CATCH_UP = flags.has("--since");

const SESSION_COOKIE = "better-auth.session_token";
const RATE_LIMIT = 100;
const RATE_WINDOW_MS = 60_000;

const users = [
  { id: "1", email: "ada@example.com", name: "Ada", password: "ada-password" },
  { id: "2", email: "grace@example.com", name: "Grace", password: "grace-password" },
];
const sessions = new Map(); // token -> userId
const notificationsByUser = new Map(); // userId -> [notification], oldest first
const receivedEvents = [];
const connectionLog = [];
const counters = { handshakes: 0, accepted: 0, refused: 0 };
let handshakeWaiters = [];
let eventWaiters = [];

// ---- socket.io

const httpServer = createServer(handleHttp);
const io = new Server(httpServer, {
  pingInterval: 25_000,
  pingTimeout: 60_000,
  transports: ["polling", "websocket"],
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
});
const nsp = io.of("/notifications");

function refusal(message) {
  const err = new Error(message);
  err.data = { code: "UNAUTHORIZED" };
  return err;
}

function cookieValue(header, name) {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return undefined;
}

nsp.use((socket, next) => {
  counters.handshakes++;
  releaseHandshakeWaiters();
  const bearer = socket.handshake.auth?.token;
  const cookie = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
  const token = typeof bearer === "string" && bearer ? bearer : cookie;
  if (!token) {
    counters.refused++;
    return next(refusal("Authentication required"));
  }
  const userId = sessions.get(token);
  if (!userId) {
    counters.refused++;
    return next(refusal("Invalid session"));
  }
  socket.data.userId = userId;
  socket.data.token = token;
  socket.data.auth = token === bearer ? "token" : "cookie";
  next();
});

nsp.on("connection", (socket) => {
  counters.accepted++;
  const userId = socket.data.userId;
  const entry = { socketId: socket.id, userId, auth: socket.data.auth, transport: socket.conn.transport.name,
    recovered: socket.recovered, disconnectReason: null };
  connectionLog.push(entry);
  socket.join(`user:${userId}`);
  socket.join("broadcast");

  const sentAt = [];
  socket.use((packet, next) => {
    const [name, ...rest] = packet;
    const ack = typeof rest[rest.length - 1] === "function" ? rest.pop() : undefined;
    const now = Date.now();
    while (sentAt.length && now - sentAt[0] >= RATE_WINDOW_MS) sentAt.shift();
    const limited = sentAt.length >= RATE_LIMIT;
    receivedEvents.push({ name, payload: rest.length <= 1 ? rest[0] ?? null : rest, userId, socketId: socket.id,
      limited });
    setImmediate(releaseEventWaiters); // after the handler has run
    if (limited) {
      socket.emit("error", { message: "Rate limit exceeded", code: "RATE_LIMITED" });
      ack?.({ success: false });
      return;
    }
    sentAt.push(now);
    next();
  });

  socket.on("subscribe:channel", (data, ack) => {
    const channel = data?.channel;
    const allowed = typeof channel === "string" && mayJoin(userId, channel);
    if (allowed) {
      socket.join(channel);
    } else {
      socket.emit("error", { message: "Not allowed to join this channel", code: "FORBIDDEN" });
    }
    if (typeof ack === "function") ack({ success: allowed });
  });

  socket.on("unsubscribe:channel", (data) => {
    if (typeof data?.channel === "string") socket.leave(data.channel);
  });

  socket.on("mark:read", (data, ack) => {
    const answer = (success) => {
      if (ACK_MARK_READ && typeof ack === "function") ack({ success });
    };
    const id = data?.notificationId;
    if (typeof id !== "string" || !id) {
      socket.emit("error", { message: "notificationId must be a string", code: "BAD_REQUEST" });
      return answer(false);
    }
    const held = (notificationsByUser.get(userId) ?? []).find((n) => n.id === id);
    if (!held) {
      socket.emit("error", { message: "Notification not found", code: "NOT_FOUND" });
      return answer(false);
    }
    held.read = true;
    nsp.to(`user:${userId}`).emit("notification:updated", held);
    answer(true);
  });
  // No "mark:read:batch" handler: like the guide's backend, that event is never answered.

  if (CATCH_UP) replaySince(socket, userId);

  socket.on("disconnect", (reason) => {
    entry.disconnectReason = reason;
  });
});

function mayJoin(userId, channel) {
  const own = `user:${userId}`;
  return channel === "broadcast" || channel === own || (channel.startsWith(`${own}:`) && channel.length > own.length + 1);
}

function replaySince(socket, userId) {
  const since = Date.parse(socket.handshake.auth?.since ?? "");
  if (Number.isNaN(since)) return;
  for (const n of notificationsByUser.get(userId) ?? []) {
    if (!n.read && Date.parse(n.createdAt) > since) socket.emit("notification:new", n);
  }
}

function releaseHandshakeWaiters() {
  const still = [];
  for (const waiter of handshakeWaiters) {
    if (counters.handshakes > waiter.above) waiter.release();
    else still.push(waiter);
  }
  handshakeWaiters = still;
}

function eventsNamed(name) {
  return receivedEvents.filter((e) => e.name === name);
}

function releaseEventWaiters() {
  const still = [];
  for (const waiter of eventWaiters) {
    if (eventsNamed(waiter.name).length >= waiter.count) waiter.release();
    else still.push(waiter);
  }
  eventWaiters = still;
}

async function socketsOf(userId) {
  return nsp.in(`user:${userId}`).fetchSockets();
}

// ---- HTTP

function send(res, status, body, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function readJson(req) {
  return new Promise((resolve) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        resolve(undefined);
      }
    });
  });
}

function isLoopback(req) {
  const address = req.socket.remoteAddress ?? "";
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

async function handleHttp(req, res) {
  const url = new URL(req.url, "http://127.0.0.1");
  const route = `${req.method} ${url.pathname}`;
  try {
    if (url.pathname.startsWith("/api/auth/")) return await handleAuth(route, req, res);
    if (url.pathname.startsWith("/test/")) {
      if (!isLoopback(req)) return send(res, 403, { message: "Loopback only" });
      return await handleControl(route, url, req, res);
    }
    send(res, 404, { message: "Not found" });
  } catch (e) {
    console.error(e);
    send(res, 500, { message: String(e?.message ?? e) });
  }
}

async function handleAuth(route, req, res) {
  if (route === "POST /api/auth/sign-in/email") {
    const body = await readJson(req);
    const user = users.find((u) => u.email === String(body?.email ?? "").toLowerCase());
    if (!user || body?.password !== user.password) {
      return send(res, 401, { message: "Invalid email or password" });
    }
    const token = randomUUID();
    sessions.set(token, user.id);
    return send(res, 200, { token, user: { id: user.id, email: user.email, name: user.name } },
      { "Set-Cookie": `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/` });
  }
  if (route === "POST /api/auth/sign-out") {
    await readJson(req);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    sessions.delete(bearer ?? cookieValue(req.headers.cookie, SESSION_COOKIE));
    return send(res, 200, { success: true },
      { "Set-Cookie": `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0` });
  }
  send(res, 404, { message: "Not found" });
}

async function handleControl(route, url, req, res) {
  switch (route) {
    case "POST /test/publish": {
      const body = await readJson(req);
      const notification = {
        id: randomUUID(),
        type: body?.type ?? "info",
        title: body?.title ?? "Test notification",
        message: body?.message ?? "",
        createdAt: body?.createdAt ?? new Date().toISOString(),
        read: false,
      };
      const list = notificationsByUser.get(String(body?.userId)) ?? [];
      list.push(notification);
      notificationsByUser.set(String(body?.userId), list);
      nsp.to(`user:${body?.userId}`).emit("notification:new", notification);
      return send(res, 200, notification);
    }
    case "POST /test/raw": {
      const body = await readJson(req);
      if (body === undefined || !("payload" in body)) return send(res, 400, { message: "{userId, payload} expected" });
      nsp.to(`user:${body.userId}`).emit("notification:new", body.payload);
      return send(res, 200, { emitted: true });
    }
    case "POST /test/revoke": {
      const body = await readJson(req);
      const userId = String(body?.userId);
      for (const [token, owner] of sessions) {
        if (owner === userId) sessions.delete(token);
      }
      const sockets = await socketsOf(userId);
      for (const socket of sockets) {
        socket.emit("error", { message: "Session revoked", code: "UNAUTHORIZED" });
        socket.disconnect();
      }
      return send(res, 200, { disconnected: sockets.length });
    }
    case "POST /test/disconnect": {
      const body = await readJson(req);
      const sockets = await socketsOf(String(body?.userId));
      sockets.forEach((socket) => socket.disconnect());
      return send(res, 200, { disconnected: sockets.length });
    }
    case "GET /test/events":
      return send(res, 200, receivedEvents);
    case "GET /test/connections":
      return send(res, 200, { ...counters, open: nsp.sockets.size, log: connectionLog });
    case "GET /test/await-handshakes": {
      const above = Number(url.searchParams.get("above") ?? 0);
      const timeoutMs = Math.min(Number(url.searchParams.get("timeoutMs") ?? 5000), 60_000);
      await new Promise((resolve) => {
        if (counters.handshakes > above) return resolve();
        const timer = setTimeout(resolve, timeoutMs);
        handshakeWaiters.push({ above, release: () => { clearTimeout(timer); resolve(); } });
      });
      return send(res, 200, { handshakes: counters.handshakes });
    }
    case "GET /test/await-events": {
      const name = url.searchParams.get("name") ?? "";
      const count = Number(url.searchParams.get("count") ?? 1);
      const timeoutMs = Math.min(Number(url.searchParams.get("timeoutMs") ?? 5000), 60_000);
      await new Promise((resolve) => {
        if (eventsNamed(name).length >= count) return resolve();
        const timer = setTimeout(resolve, timeoutMs);
        eventWaiters.push({ name, count, release: () => { clearTimeout(timer); resolve(); } });
      });
      return send(res, 200, eventsNamed(name));
    }
    case "GET /test/notifications":
      return send(res, 200, notificationsByUser.get(url.searchParams.get("userId")) ?? []);
    default:
      return send(res, 404, { message: "Not found" });
  }
}

// ---- lifecycle

httpServer.listen(port, "127.0.0.1", () => {
  console.log(`guide server listening on http://127.0.0.1:${httpServer.address().port}`);
});

function shutdown() {
  io.close();
  httpServer.close();
  setTimeout(() => process.exit(0), 500).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
process.stdin.on("end", shutdown);
process.stdin.on("error", shutdown);
process.stdin.resume();

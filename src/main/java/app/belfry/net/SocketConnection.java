package app.belfry.net;

import app.belfry.model.ConnectionState;
import app.belfry.model.ConnectionStatus;
import app.belfry.model.Events;
import app.belfry.model.NotificationCodec;
import app.belfry.model.SocketError;
import io.socket.backo.Backoff;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.emitter.Emitter;
import io.socket.engineio.client.EngineIOException;
import io.socket.parser.Packet;
import io.socket.parser.Parser;
import io.socket.thread.EventThread;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The generic connection layer, the guide's {@code useSocket}: one Socket.IO namespace, its credentials, its
 * state and its reconnection policy. It knows nothing of notifications; a feature service registers its event
 * handlers with {@link #on} and its connect hooks with {@link #onConnected}.
 *
 * <p>Threads: socket.io-client calls back on its event thread; every piece of mutable state here is touched only
 * there. Public methods hop onto it through {@link #execute}, the one crossing point.
 *
 * <p>What it does beyond the guide: it never retries on UNAUTHORIZED (it reports that sign-in is needed), it
 * says when the automatic attempts are spent and starts over on {@link #retry}, it reconnects after a server-side
 * disconnect with the same back-off, it registers handlers once per socket, and it owns its OkHttp client so that
 * {@link #close} leaves no thread behind.
 */
public final class SocketConnection implements AutoCloseable {

    /** How often a WebSocket ping checks the path: a dead one is noticed after 4 to 8 s. */
    static final long DEAD_PATH_PING_MILLIS = 4_000;
    /** {@link #reopen} does nothing this soon after the last opening. */
    static final long REOPEN_QUIET_MILLIS = 1_000;

    private static final System.Logger LOG = System.getLogger(SocketConnection.class.getName());
    private static final String IO_SERVER_DISCONNECT = "io server disconnect";

    private final ConnectionOptions options;
    private final OkHttpClient http;
    /** The WebSockets of every socket this connection opens: with pings, unless the server does not answer them. */
    private final PingingWebSockets webSockets;
    private final NotificationCodec codec; // for connect errors; shared with the service, so one warning limiter
    private final ScheduledExecutorService timer;
    private final List<Consumer<ConnectionStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> connectHooks = new CopyOnWriteArrayList<>();
    private final List<Runnable> disconnectHooks = new CopyOnWriteArrayList<>();
    private final Map<String, List<Emitter.Listener>> handlers = new ConcurrentHashMap<>();
    private final List<Supplier<Map<String, String>>> handshakeFields = new CopyOnWriteArrayList<>();
    /** Events whose handlers were all registered with {@link #onAnyThread}. */
    private final Set<String> anyThreadEvents = ConcurrentHashMap.newKeySet();
    private final Set<String> eventThreadEvents = ConcurrentHashMap.newKeySet();
    /** Guards {@link #shortcutSocket}: a handler on the reading thread runs whole before a teardown, or not at all. */
    private final Object shortcutGate = new Object();
    /** The connected socket whose events may be handled on OkHttp's reading thread; null when none is. */
    private Socket shortcutSocket;

    // Event-thread state.
    private Socket socket;
    private Manager manager;
    private Map<String, String> auth;
    private Credentials credentials;
    private long openedAtNanos;
    private ConnectionStatus status;
    private final Backoff backoff;
    private int ownAttempts;
    private ScheduledFuture<?> pendingRetry;
    private boolean closed;
    private volatile boolean connected;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

    public SocketConnection(ConnectionOptions options) {
        this(options, new NotificationCodec());
    }

    /** @param codec reads the server's errors; pass the feature service's, so that their warnings share one limit */
    public SocketConnection(ConnectionOptions options, NotificationCodec codec) {
        this.options = options;
        this.codec = codec;
        this.status = ConnectionStatus.initial(options.reconnectionAttempts());
        this.backoff = new Backoff().setMin(options.reconnectionDelayMillis())
                .setMax(options.reconnectionDelayMaxMillis()).setJitter(0.5);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .readTimeout(0, TimeUnit.MILLISECONDS) // long-polling and WebSocket reads wait as long as they need
                .connectTimeout(options.timeoutMillis(), TimeUnit.MILLISECONDS)
                // A path that dies silently (sleep, a NAT that forgot the flow, a Wi-Fi roam) is noticed within two
                // intervals: a WebSocket ping whose pong has not come back when the next one is due fails the
                // socket, and socket.io reconnects. Pings are WebSocket control frames, which servers answer by
                // themselves: they cost nothing of the events the rate limit allows.
                .pingInterval(DEAD_PATH_PING_MILLIS, TimeUnit.MILLISECONDS);
        this.http = options.network().configure(builder, options.serverUrl()).build();
        this.webSockets = PingingWebSockets.of(http);
        EventThreadKeeper.acquire();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "belfry-socket-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    public ConnectionOptions options() {
        return options;
    }

    // ---- registration (before connect)

    /** Calls {@code listener} with every status, on the socket's event thread. */
    public void addStatusListener(Consumer<ConnectionStatus> listener) {
        statusListeners.add(listener);
    }

    /**
     * Handles a server event on every socket this connection makes. Each handler is attached once to each socket,
     * when the socket is made, so a reconnect never doubles it. Handlers of one event run in the order given.
     */
    public void on(String event, Emitter.Listener listener) {
        eventThreadEvents.add(event);
        handlers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /**
     * Like {@link #on}, for a handler that is thread-safe and quick (it decodes and hands over): while connected,
     * and when no earlier frame is still pending, it runs on OkHttp's reading thread, which spares the hop to the
     * event thread; otherwise on the event thread. Events still reach handlers one at a time and in order. An event
     * with any handler registered through {@link #on} always runs on the event thread.
     */
    public void onAnyThread(String event, Emitter.Listener listener) {
        anyThreadEvents.add(event);
        handlers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Runs after every successful connect, on the event thread, after the status says connected. */
    public void onConnected(Runnable hook) {
        connectHooks.add(hook);
    }

    /** Runs after every loss of the connection, on the event thread, whatever the reason. */
    public void onDisconnected(Runnable hook) {
        disconnectHooks.add(hook);
    }

    /** Adds fields to the handshake's {@code auth} object, asked anew before every attempt (e.g. {@code since}). */
    public void addHandshakeFields(Supplier<Map<String, String>> fields) {
        handshakeFields.add(fields);
    }

    // ---- commands (any thread)

    /** Runs a task on the socket's event thread: the one place where other threads cross into this layer. */
    public void execute(Runnable task) {
        EventThread.exec(task);
    }

    /** Connects with these credentials, dropping any earlier socket (the guide's "reconnecting after login"). */
    public void connect(Credentials credentials) {
        execute(() -> {
            if (closed) {
                return;
            }
            teardown();
            openSocket(credentials);
        });
    }

    /** Starts over after the attempts are spent or a failure: a fresh count, the same credentials. */
    public void retry() {
        execute(() -> {
            if (closed || credentials == null || connected) {
                return;
            }
            teardown(); // a fresh socket: also after a certificate's or a proxy's problem, which left none
            openSocket(credentials);
        });
    }

    /**
     * Opens the connection again, now, with the same credentials: after sleep or a network change a socket that
     * looks open may be dead, and one waiting out its back-off may get through now. Not when the server has refused
     * the session (sign-in is needed), nor again within {@link #REOPEN_QUIET_MILLIS} of the last opening (one change
     * often comes as several).
     */
    public void reopen(String why) {
        execute(() -> {
            if (closed || credentials == null || status.authRequired()
                    || System.nanoTime() - openedAtNanos < TimeUnit.MILLISECONDS.toNanos(REOPEN_QUIET_MILLIS)) {
                return;
            }
            LOG.log(Level.INFO, "Opening the connection again: {0}", why);
            teardown();
            openSocket(credentials);
        });
    }

    /**
     * Disconnects on purpose; nothing reconnects until {@link #connect} or {@link #retry}. The future completes once
     * the socket is torn down: no event of it reaches a handler after that.
     */
    public java.util.concurrent.CompletableFuture<Void> disconnect() {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        execute(() -> {
            try {
                teardown();
                credentials = null; // on purpose: neither retry nor reopen brings it back
                setStatus(new ConnectionStatus(ConnectionState.DISCONNECTED, 0, options.reconnectionAttempts(), null,
                        false, false));
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    public boolean isConnected() {
        return connected;
    }

    /** The status as last set; read it on the event thread, or take what listeners are given. */
    public ConnectionStatus status() {
        return status;
    }

    // ---- sending (event thread only; the feature service's outbox calls these)

    /** Sends an event without an ack. Returns false when not connected (nothing was sent). */
    boolean emit(String event, Object payload) {
        assertEventThread();
        if (!connected) {
            return false;
        }
        socket.emit(event, payload);
        return true;
    }

    /**
     * Sends an event with an ack. {@code onAnswer} gets the ack's arguments; {@code onTimeout} runs when no answer
     * came within the ack timeout over a live connection. When the connection drops first, neither runs: the
     * disconnect hooks tell the sender. (The library's own AckWithTimeout starts a thread per event; this doesn't.)
     */
    boolean emitWithAck(String event, Object payload, Consumer<Object[]> onAnswer, Runnable onTimeout) {
        assertEventThread();
        if (!connected) {
            return false;
        }
        Socket current = socket;
        boolean[] settled = {false};
        ScheduledFuture<?> timeout = schedule(() -> {
            if (!settled[0] && current == socket && connected) {
                settled[0] = true;
                onTimeout.run();
            }
        }, options.ackTimeoutMillis(), TimeUnit.MILLISECONDS);
        socket.emit(event, new Object[] {payload}, (Ack) args -> execute(() -> {
            if (!settled[0]) {
                settled[0] = true;
                timeout.cancel(false);
                onAnswer.accept(args);
            }
        }));
        return true;
    }

    /** Schedules a task on the event thread after a delay; used for pacing. */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return timer.schedule(() -> execute(task), delay, unit);
    }

    // ---- lifecycle

    private void openSocket(Credentials credentials) {
        this.credentials = credentials;
        this.openedAtNanos = System.nanoTime();
        IO.Options io = IO.Options.builder()
                .setForceNew(true)
                .setMultiplex(false)
                .setTransports(options.transports().toArray(String[]::new))
                .setReconnection(options.reconnection())
                .setReconnectionAttempts(options.reconnectionAttempts())
                .setReconnectionDelay(options.reconnectionDelayMillis())
                .setReconnectionDelayMax(options.reconnectionDelayMaxMillis())
                .setTimeout(options.timeoutMillis())
                .build();
        JacksonPacketDecoder decoder = new JacksonPacketDecoder(); // org.json's tokenizer was the hot path's main cost
        io.decoder = decoder;
        io.callFactory = http;
        Socket[] created = new Socket[1];
        // Decodes on OkHttp's thread, hands frames over in batches, and may handle an event there.
        io.webSocketFactory = new ReadAheadWebSockets(webSockets, decoder, packet -> handleOnReadingThread(created[0], packet));
        auth = new ConcurrentHashMap<>();
        if (credentials instanceof Credentials.BearerToken token) {
            auth.put(Events.AUTH_TOKEN, token.token());
        } else if (credentials instanceof Credentials.SessionCookie cookie) {
            io.extraHeaders = Map.of("Cookie", List.of(cookie.header()));
        }
        io.auth = auth;
        socket = IO.socket(options.namespaceUrl(), io);
        created[0] = socket;
        manager = socket.io();
        Socket own = socket;

        manager.on(Manager.EVENT_OPEN, args -> refreshHandshakeFields()); // runs before the socket's CONNECT
        manager.on(Manager.EVENT_RECONNECT_ATTEMPT, args -> {
            if (own == socket) {
                int attempt = args.length > 0 && args[0] instanceof Integer n ? n : status.attempt() + 1;
                setStatus(withState(ConnectionState.CONNECTING, attempt, status.error(), false));
            }
        });
        manager.on(Manager.EVENT_RECONNECT_FAILED, args -> {
            if (own == socket) {
                LOG.log(Level.WARNING, "Gave up reconnecting after {0} attempts", options.reconnectionAttempts());
                setStatus(withState(ConnectionState.DISCONNECTED, 0, status.error(), true));
            }
        });
        socket.on(Socket.EVENT_CONNECT, args -> onConnect(own));
        socket.on(Socket.EVENT_DISCONNECT, args -> onDisconnect(own, args.length > 0 ? String.valueOf(args[0]) : ""));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> onConnectError(own, args));
        socket.on(Events.ERROR, args -> onServerError(own, args));
        handlers.forEach((event, listeners) -> {
            if (!event.equals(Events.ERROR)) {
                listeners.forEach(listener -> own.on(event, listener));
            }
        });

        ownAttempts = 0;
        backoff.reset();
        setStatus(new ConnectionStatus(ConnectionState.CONNECTING, 0, options.reconnectionAttempts(), null, false,
                false));
        LOG.log(Level.INFO, "Connecting to {0} with {1}", options.namespaceUrl(), credentials);
        socket.connect();
    }

    private void refreshHandshakeFields() {
        if (auth == null) {
            return;
        }
        for (Supplier<Map<String, String>> fields : handshakeFields) {
            Map<String, String> values = new LinkedHashMap<>(fields.get());
            values.forEach((key, value) -> {
                if (value == null) {
                    auth.remove(key);
                } else {
                    auth.put(key, value);
                }
            });
        }
    }

    private void onConnect(Socket own) {
        if (own != socket) {
            return;
        }
        connected = true;
        synchronized (shortcutGate) {
            shortcutSocket = own;
        }
        HeartbeatThrottle.install(manager); // the engine is open by now, its heartbeat listener registered
        cancelPendingRetry();
        ownAttempts = 0;
        backoff.reset();
        setStatus(new ConnectionStatus(ConnectionState.CONNECTED, 0, options.reconnectionAttempts(), null, false,
                false));
        LOG.log(Level.INFO, "Connected to {0}", options.namespaceUrl());
        for (Runnable hook : connectHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "A connect hook failed", e);
            }
        }
    }

    private void onDisconnect(Socket own, String reason) {
        if (own != socket) {
            return;
        }
        markDisconnected();
        LOG.log(Level.INFO, "Disconnected: {0}", reason);
        if (status.authRequired()) {
            return; // the server revoked the session: stay down, sign-in is needed
        }
        setStatus(withState(ConnectionState.DISCONNECTED, 0, status.error(), false));
        if (IO_SERVER_DISCONNECT.equals(reason)) {
            // The guide's autoReconnect: socket.io does not come back by itself after a server-side disconnect.
            scheduleOwnRetry();
        }
    }

    private void onConnectError(Socket own, Object[] args) {
        if (own != socket) {
            return;
        }
        connected = false;
        closeShortcut();
        SocketError error = codec.decodeError(args).orElse(new SocketError("Unknown error", null));
        if (error.isUnauthorized() || isHttpUnauthorized(args)) {
            requireSignIn(new SocketError(error.message(), "UNAUTHORIZED"));
            return;
        }
        Optional<SocketError> problem = args.length > 0 && args[0] instanceof Throwable failure
                ? ConnectionProblem.of(failure, options.serverUrl()) : Optional.empty();
        if (problem.isPresent()) {
            // A certificate or a proxy: trying again in a loop would not fix it. Said once; Retry starts over.
            LOG.log(Level.WARNING, "Cannot connect: {0}", problem.get().message());
            teardown(); // also stops the manager's own reconnection
            setStatus(new ConnectionStatus(ConnectionState.ERROR, 0, options.reconnectionAttempts(), problem.get(),
                    false, true));
            return;
        }
        LOG.log(Level.INFO, "Connection error: {0}", error.message());
        setStatus(withState(ConnectionState.ERROR, status.attempt(), error, false));
        boolean namespaceRefusal = args.length == 0 || !(args[0] instanceof Exception);
        if (namespaceRefusal) {
            scheduleOwnRetry(); // socket.io drops the socket after a namespace refusal and does not retry
        }
    }

    private void onServerError(Socket own, Object[] args) {
        if (own != socket) {
            return;
        }
        SocketError error = codec.decodeError(args).orElse(null);
        if (error != null && error.isUnauthorized()) {
            requireSignIn(error);
            return;
        }
        for (Emitter.Listener listener : handlers.getOrDefault(Events.ERROR, List.of())) {
            listener.call(args);
        }
    }

    private void requireSignIn(SocketError error) {
        LOG.log(Level.WARNING, "The server refused the session ({0}); sign-in is needed", error.message());
        cancelPendingRetry();
        markDisconnected();
        setStatus(new ConnectionStatus(ConnectionState.ERROR, 0, options.reconnectionAttempts(), error, true, false));
        if (socket != null) {
            socket.disconnect(); // stops the manager's own reconnection too
        }
    }

    private void scheduleOwnRetry() {
        if (!options.reconnection() || closed) {
            setStatus(withState(ConnectionState.DISCONNECTED, 0, status.error(), true));
            return;
        }
        ownAttempts++;
        if (ownAttempts > options.reconnectionAttempts()) {
            LOG.log(Level.WARNING, "Gave up reconnecting after {0} attempts", options.reconnectionAttempts());
            setStatus(withState(ConnectionState.DISCONNECTED, 0, status.error(), true));
            return;
        }
        long delay = backoff.duration();
        Socket own = socket;
        setStatus(withState(ConnectionState.CONNECTING, ownAttempts, status.error(), false));
        cancelPendingRetry();
        pendingRetry = schedule(() -> {
            if (own == socket && !connected && !closed && !status.authRequired()) {
                own.connect();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static boolean isHttpUnauthorized(Object[] args) {
        if (args.length == 0 || !(args[0] instanceof EngineIOException e)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ("401".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private ConnectionStatus withState(ConnectionState state, int attempt, SocketError error, boolean exhausted) {
        return new ConnectionStatus(state, attempt, options.reconnectionAttempts(), error, false, exhausted);
    }

    private void setStatus(ConnectionStatus next) {
        status = next;
        for (Consumer<ConnectionStatus> listener : statusListeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "A status listener failed", e);
            }
        }
    }

    private void cancelPendingRetry() {
        if (pendingRetry != null) {
            pendingRetry.cancel(false);
            pendingRetry = null;
        }
    }

    /**
     * On OkHttp's reading thread: runs the handlers of an event packet there when they are all
     * {@link #onAnyThread} handlers and {@code own} is the connected socket. What socket.io-client would do with
     * it (Socket.onevent) is done here the same way: the arguments after the event's name, JSON null as null.
     */
    private boolean handleOnReadingThread(Socket own, Packet<JSONArray> packet) {
        if (packet.type != Parser.EVENT || packet.id >= 0 || !options.namespace().equals(packet.nsp)
                || !(packet.data.opt(0) instanceof String event)
                || !anyThreadEvents.contains(event) || eventThreadEvents.contains(event)) {
            return false;
        }
        Object[] args = new Object[packet.data.length() - 1];
        for (int i = 0; i < args.length; i++) {
            Object value = packet.data.opt(i + 1);
            args[i] = JSONObject.NULL.equals(value) ? null : value;
        }
        List<Emitter.Listener> listeners = handlers.getOrDefault(event, List.of());
        synchronized (shortcutGate) {
            if (own == null || shortcutSocket != own) {
                return false;
            }
            for (Emitter.Listener listener : listeners) {
                try {
                    listener.call(args);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "A handler of " + event + " failed", e);
                }
            }
        }
        return true;
    }

    /** No event goes the reading thread's way from now on (one in progress finishes first). */
    private void closeShortcut() {
        synchronized (shortcutGate) {
            shortcutSocket = null;
        }
    }

    private void markDisconnected() {
        closeShortcut();
        if (!connected) {
            return;
        }
        connected = false;
        for (Runnable hook : disconnectHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "A disconnect hook failed", e);
            }
        }
    }

    private void teardown() {
        cancelPendingRetry();
        markDisconnected();
        if (socket != null) {
            Socket old = socket;
            socket = null;
            old.off();
            manager.off();
            old.disconnect();
            manager = null;
        }
    }

    /** Whether the open engine's heartbeat is throttled ({@link HeartbeatThrottle}); on the event thread. */
    boolean heartbeatThrottled() {
        assertEventThread();
        return HeartbeatThrottle.isInstalled(manager);
    }

    private static void assertEventThread() {
        if (!EventThread.isCurrent()) {
            throw new IllegalStateException("call this on socket.io's event thread");
        }
    }

    /**
     * Disconnects and releases every thread this connection started (OkHttp's dispatcher and pool, the timer),
     * so that closing Belfry ends the JVM promptly. Waits briefly for the event thread to finish the teardown.
     */
    @Override
    public void close() {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        execute(() -> {
            closed = true;
            teardown();
            // After disconnect() the status says so already. Saying it again, late (sign-out closes after its HTTP
            // call), would reach listeners that have moved on to a newer connection.
            if (status.state() != ConnectionState.DISCONNECTED) {
                setStatus(new ConnectionStatus(ConnectionState.DISCONNECTED, 0, options.reconnectionAttempts(), null,
                        false, false));
            }
            done.countDown();
        });
        try {
            done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        if (released.compareAndSet(false, true)) {
            EventThreadKeeper.release();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

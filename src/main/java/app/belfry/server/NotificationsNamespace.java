package app.belfry.server;

import app.belfry.model.ErrorCodes;
import app.belfry.model.Events;
import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code /notifications} namespace: authentication at the handshake, rooms, the client events of the
 * contract with their acks and errors, the rate limit, catch-up, and delivery of published notifications.
 * Listeners run on netty's threads; all shared state here is concurrent or synchronized.
 */
final class NotificationsNamespace {

    private static final System.Logger LOG = System.getLogger(NotificationsNamespace.class.getName());
    private static final int EVENT_LOG_CAPACITY = 10_000;

    /** What the server knows of one authenticated socket. */
    private record Connection(User user, String sessionToken, Instant since, Instant authenticatedAt,
            RateLimiter limiter) {
    }

    private volatile SocketIONamespace namespace;
    private final ServerOptions options;
    private final UserDirectory users;
    private final SessionRegistry sessions;
    private final NotificationRepository repository;
    private final NotificationCodec codec = new NotificationCodec();
    private final Map<UUID, Connection> connections = new ConcurrentHashMap<>();
    /** Publishing, and a connection's joining with its catch-up, happen one at a time (see authenticate). */
    private final Object delivery = new Object();
    private final ArrayDeque<ReceivedEvent> eventLog = new ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger connects = new java.util.concurrent.atomic.AtomicInteger();

    NotificationsNamespace(ServerOptions options, UserDirectory users, SessionRegistry sessions,
            NotificationRepository repository) {
        this.options = options;
        this.users = users;
        this.sessions = sessions;
        this.repository = repository;
    }

    /** Serves the contract on a (new) netty-socketio namespace: at every start of the server. */
    void attach(SocketIONamespace namespace) {
        connections.clear();
        this.namespace = namespace;
        namespace.addAuthTokenListener(this::authenticate);
        namespace.addConnectListener(this::onConnect);
        namespace.addDisconnectListener(this::onDisconnect);
        namespace.addEventListener(Events.SUBSCRIBE_CHANNEL, Object.class, this::onSubscribe);
        namespace.addEventListener(Events.UNSUBSCRIBE_CHANNEL, Object.class, this::onUnsubscribe);
        namespace.addEventListener(Events.MARK_READ, Object.class, this::onMarkRead);
        namespace.addEventListener(Events.MARK_READ_BATCH, Object.class, this::onMarkReadBatch);
    }

    // ---- authentication and connections

    private AuthTokenResult authenticate(Object authData, SocketIOClient client) {
        Map<?, ?> auth = authData instanceof Map<?, ?> map ? map : Map.of();
        String token = auth.get(Events.AUTH_TOKEN) instanceof String s && !s.isEmpty() ? s : null;
        if (token == null) {
            token = sessionCookie(client).orElse(null);
        }
        if (token == null) {
            LOG.log(Level.INFO, "Refused a socket from {0}: no credentials", client.getRemoteAddress());
            return refusal(ErrorCodes.AUTHENTICATION_REQUIRED_MESSAGE);
        }
        Optional<SessionRegistry.Session> session = sessions.find(token);
        if (session.isEmpty()) {
            LOG.log(Level.INFO, "Refused a socket from {0}: invalid session", client.getRemoteAddress());
            return refusal(ErrorCodes.INVALID_SESSION_MESSAGE);
        }
        Instant since = null;
        Object sinceValue = auth.get(Events.AUTH_SINCE);
        if (sinceValue != null) {
            since = NotificationCodec.parseInstant(sinceValue).orElse(null);
            if (since == null) {
                LOG.log(Level.WARNING, "Ignored an unreadable auth.since from user {0}",
                        session.get().user().id());
            }
        }
        RateLimiter limiter = new RateLimiter(options.rateLimitPerMinute(),
                TimeUnit.MILLISECONDS.toNanos(options.rateWindowMillis()), System::nanoTime);
        connections.put(client.getSessionId(), new Connection(session.get().user(), token, since,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), limiter));
        return AuthTokenResult.AuthTokenResultSuccess;
    }

    private AuthTokenResult refusal(String message) {
        refusals.incrementAndGet();
        // The shape a Node server gives for next(err) with err.data: the client reads data.code.
        return new AuthTokenResult(false, Map.of("message", message, "data", Map.of("code", ErrorCodes.UNAUTHORIZED)));
    }

    private static Optional<String> sessionCookie(SocketIOClient client) {
        String header = client.getHandshakeData().getHttpHeaders().get(HttpHeaderNames.COOKIE);
        return sessionCookie(header);
    }

    static Optional<String> sessionCookie(String cookieHeader) {
        if (cookieHeader == null || cookieHeader.isBlank()) {
            return Optional.empty();
        }
        for (Cookie cookie : ServerCookieDecoder.LAX.decode(cookieHeader)) {
            if (Events.SESSION_COOKIE.equals(cookie.name()) && !cookie.value().isEmpty()) {
                return Optional.of(cookie.value());
            }
        }
        return Optional.empty();
    }

    private void onConnect(SocketIOClient client) {
        Connection connection = connections.get(client.getSessionId());
        if (connection == null) {
            // Cannot happen while ConnectPacketNormalizer is in the pipeline; refuse rather than serve anonymously.
            LOG.log(Level.WARNING, "A socket connected without passing authentication; disconnecting it");
            client.disconnect();
            return;
        }
        connects.incrementAndGet();
        User user = connection.user();
        // Join the rooms and send the catch-up in one step with respect to publishing: what was published before
        // is in the catch-up, what comes after arrives live; nothing twice, nothing lost, all in order. Without
        // auth.since, the catch-up is what was published since the handshake (the client saw "connect" first and
        // may have expected it). Not before CONNECT: socket.io-client-java 2.1.2 garbles events it buffers.
        Instant from = connection.since() != null ? connection.since() : connection.authenticatedAt().minusMillis(1);
        int replayed;
        synchronized (delivery) {
            client.joinRoom(user.room());
            client.joinRoom(ChannelAccess.BROADCAST);
            List<Notification> missed = repository.unreadSince(user.id(), from);
            for (Notification notification : missed) {
                client.sendEvent(Events.NOTIFICATION_NEW, codec.toMap(notification));
            }
            replayed = missed.size();
        }
        LOG.log(Level.INFO, "User {0} connected over {1} from {2}{3}", user.id(), client.getTransport(),
                client.getRemoteAddress(), replayed == 0 ? "" : "; replayed " + replayed + " notifications");
    }

    private void onDisconnect(SocketIOClient client) {
        Connection connection = connections.remove(client.getSessionId());
        if (connection != null) {
            LOG.log(Level.INFO, "User {0} disconnected", connection.user().id());
        }
    }

    /** Server-side disconnect of every socket of a user; the sessions stay valid. */
    void disconnectUser(String userId) {
        for (SocketIOClient client : namespace.getAllClients()) {
            Connection connection = connections.get(client.getSessionId());
            if (connection != null && connection.user().id().equals(userId)) {
                client.disconnect();
            }
        }
    }

    /** A session ended: its sockets are told UNAUTHORIZED and disconnected. */
    void endSession(String sessionToken) {
        for (SocketIOClient client : namespace.getAllClients()) {
            Connection connection = connections.get(client.getSessionId());
            if (connection != null && connection.sessionToken().equals(sessionToken)) {
                sendError(client, ErrorCodes.UNAUTHORIZED, "Session revoked");
                client.disconnect();
            }
        }
    }

    // ---- client events

    private void onSubscribe(SocketIOClient client, Object data, AckRequest ack) {
        Connection connection = admit(client, Events.SUBSCRIBE_CHANNEL, data, ack);
        if (connection == null) {
            return;
        }
        String channel = stringField(data, "channel");
        if (channel == null) {
            badRequest(client, ack, "subscribe:channel needs {channel: string}");
            return;
        }
        if (!ChannelAccess.mayJoin(connection.user().id(), channel)) {
            sendError(client, ErrorCodes.FORBIDDEN, "Not allowed to subscribe to " + channel);
            ack.sendAckData(Map.of("success", false));
            return;
        }
        client.joinRoom(channel);
        ack.sendAckData(Map.of("success", true));
    }

    private void onUnsubscribe(SocketIOClient client, Object data, AckRequest ack) {
        if (admit(client, Events.UNSUBSCRIBE_CHANNEL, data, ack) == null) {
            return;
        }
        String channel = stringField(data, "channel");
        if (channel == null) {
            badRequest(client, ack, "unsubscribe:channel needs {channel: string}");
            return;
        }
        client.leaveRoom(channel);
        ack.sendAckData(Map.of("success", true));
    }

    private void onMarkRead(SocketIOClient client, Object data, AckRequest ack) {
        Connection connection = admit(client, Events.MARK_READ, data, ack);
        if (connection == null) {
            return;
        }
        String id = stringField(data, "notificationId");
        if (id == null) {
            badRequest(client, ack, "mark:read needs {notificationId: string}");
            return;
        }
        NotificationRepository.MarkResult result = repository.markRead(connection.user().id(), id);
        if (result.outcome() == NotificationRepository.MarkOutcome.NOT_FOUND) {
            sendError(client, ErrorCodes.NOT_FOUND, "No notification " + abbreviate(id));
            ack.sendAckData(Map.of("success", false));
            return;
        }
        if (result.outcome() == NotificationRepository.MarkOutcome.CHANGED) {
            emitUpdated(connection.user(), result.notification());
        }
        ack.sendAckData(Map.of("success", true));
    }

    private void onMarkReadBatch(SocketIOClient client, Object data, AckRequest ack) {
        Connection connection = admit(client, Events.MARK_READ_BATCH, data, ack);
        if (connection == null || !options.batchEnabled()) {
            return; // a backend without the extension never answers; the event still counted above
        }
        List<String> ids = stringList(data, "notificationIds");
        if (ids == null || ids.size() > Events.MAX_BATCH) {
            badRequest(client, ack, "mark:read:batch needs {notificationIds: string[]} with at most "
                    + Events.MAX_BATCH + " ids");
            return;
        }
        List<String> updated = new ArrayList<>(ids.size());
        for (String id : ids) {
            NotificationRepository.MarkResult result = repository.markRead(connection.user().id(), id);
            switch (result.outcome()) {
                case CHANGED -> {
                    emitUpdated(connection.user(), result.notification());
                    updated.add(id);
                }
                case ALREADY_READ -> updated.add(id);
                case NOT_FOUND -> { }
            }
        }
        ack.sendAckData(Map.of("success", true, "updated", updated));
    }

    /**
     * Records the event, applies the rate limit, and finds the connection. Null means the event is answered
     * already (refused) and the caller stops.
     */
    private Connection admit(SocketIOClient client, String event, Object data, AckRequest ack) {
        Connection connection = connections.get(client.getSessionId());
        record(connection == null ? null : connection.user().id(), event, data);
        if (connection == null) {
            return null;
        }
        if (!connection.limiter().tryAcquire()) {
            LOG.log(Level.INFO, "Rate limited user {0}: {1}", connection.user().id(), event);
            sendError(client, ErrorCodes.RATE_LIMITED,
                    "Rate limit exceeded: " + options.rateLimitPerMinute() + " events per "
                            + (options.rateWindowMillis() == 60_000 ? "minute" : options.rateWindowMillis() + " ms"));
            ack.sendAckData(Map.of("success", false));
            return null;
        }
        return connection;
    }

    private void badRequest(SocketIOClient client, AckRequest ack, String message) {
        sendError(client, ErrorCodes.BAD_REQUEST, message);
        ack.sendAckData(Map.of("success", false));
    }

    private static void sendError(SocketIOClient client, String code, String message) {
        client.sendEvent(Events.ERROR, Map.of("message", message, "code", code));
    }

    private static String stringField(Object data, String field) {
        if (data instanceof Map<?, ?> map && map.get(field) instanceof String value && !value.isEmpty()) {
            return value;
        }
        return null;
    }

    private static List<String> stringList(Object data, String field) {
        if (!(data instanceof Map<?, ?> map) || !(map.get(field) instanceof List<?> list)) {
            return null;
        }
        List<String> result = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s) || s.isEmpty()) {
                return null;
            }
            result.add(s);
        }
        return result;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    // ---- delivery

    /** Stores a notification for a user and sends it to the user's room (or to {@code channel} if given). */
    void deliver(User user, Notification notification, String channel) {
        synchronized (delivery) {
            repository.add(user.id(), notification);
            namespace.getRoomOperations(channel == null ? user.room() : channel)
                    .sendEvent(Events.NOTIFICATION_NEW, codec.toMap(notification));
        }
    }

    /** Stores a copy for every user and sends it once to the broadcast room. */
    void broadcast(Notification notification) {
        synchronized (delivery) {
            for (User user : users.all()) {
                repository.add(user.id(), notification);
            }
            namespace.getRoomOperations(ChannelAccess.BROADCAST)
                    .sendEvent(Events.NOTIFICATION_NEW, codec.toMap(notification));
        }
    }

    private void emitUpdated(User user, Notification notification) {
        namespace.getRoomOperations(user.room()).sendEvent(Events.NOTIFICATION_UPDATED, codec.toMap(notification));
    }

    // ---- the event log, for tests and QA

    private void record(String userId, String event, Object data) {
        String json;
        try {
            json = NotificationCodec.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            json = String.valueOf(data);
        }
        synchronized (eventLog) {
            eventLog.addLast(new ReceivedEvent(userId, event, json));
            if (eventLog.size() > EVENT_LOG_CAPACITY) {
                eventLog.pollFirst();
            }
        }
    }

    List<ReceivedEvent> receivedEvents() {
        synchronized (eventLog) {
            return List.copyOf(eventLog);
        }
    }

    int refusals() {
        return refusals.get();
    }

    int connects() {
        return connects.get();
    }

    Set<UUID> connectedSessionIds() {
        return Set.copyOf(connections.keySet());
    }
}

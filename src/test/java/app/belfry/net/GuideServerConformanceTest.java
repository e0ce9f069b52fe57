package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import app.belfry.model.NotificationType;
import app.belfry.store.NotificationStore;
import app.belfry.testing.Client;
import app.belfry.testing.NodeServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.collections.ListChangeListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import app.belfry.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Belfry's client core against a real Node socket.io 4.8 server that behaves like the guide's backend: connection
 * state recovery on (a trailing offset on every broadcast), no {@code mark:read:batch}, no catch-up. Skipped unless
 * {@code cd src/test/node && npm ci} was run (failed instead on CI).
 */
class GuideServerConformanceTest {

    private static final String ADA = "1";
    private static final String ADA_EMAIL = "ada@example.com";
    private static final String ADA_PASSWORD = "ada-password";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private NodeServer server;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (server != null) {
            server.close();
        }
    }

    // ---- signing in and connecting

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"token, websocket polling", "token, polling", "cookie, websocket polling", "cookie, polling"})
    void handshakeWithTokenOrCookieConnectsAndReceivesNotifications(String auth, String transports) {
        List<String> order = List.of(transports.split(" "));
        server = NodeServer.start();
        NodeServer.Session session = server.signIn(ADA_EMAIL, ADA_PASSWORD);
        Client client = client(o -> o.withTransports(order));

        client.connect(auth.equals("token") ? new Credentials.BearerToken(session.token()) : session.cookie());

        assertConnectsAndReceives(client, auth, order.get(0));
    }

    @ParameterizedTest(name = "transports {0}")
    @ValueSource(strings = {"websocket polling", "polling"})
    void cookieFromAuthClientSignInConnectsAndReceivesNotifications(String transports) throws Exception {
        List<String> order = List.of(transports.split(" "));
        server = NodeServer.start();
        Credentials cookie = new AuthClient(ConnectionOptions.defaults(server.url()))
                .signIn(ADA_EMAIL, ADA_PASSWORD).cookie();
        Client client = client(o -> o.withTransports(order));

        client.connect(cookie);

        assertConnectsAndReceives(client, "cookie", order.get(0));
    }

    private void assertConnectsAndReceives(Client client, String auth, String transport) {
        client.awaitConnected();
        JsonNode connection = server.connections().path("log").path(0);
        assertThat(connection.path("auth").asText()).isEqualTo(auth);
        assertThat(connection.path("transport").asText()).isEqualTo(transport);
        String id = server.publish(ADA, "Build finished").path("id").asText();
        client.thread.await(client.store, "the notification arrived", s -> held(s, id) != null);
    }

    @Test
    void wrongPasswordIsRefusedWithTheServersMessage() {
        server = NodeServer.start();
        AuthClient auth = new AuthClient(ConnectionOptions.defaults(server.url()));

        assertThatThrownBy(() -> auth.signIn(ADA_EMAIL, "not-the-password"))
                .isInstanceOf(AuthException.class)
                .hasMessage("Invalid email or password")
                .satisfies(e -> assertThat(((AuthException) e).status()).as("HTTP status").isEqualTo(401));
    }

    // ---- notifications as the guide's backend sends them

    @Test
    void notificationsCarryTheRecoveryOffsetWhichIsIgnoredAndAreStoredOnce() throws Exception {
        server = NodeServer.start();
        String token = signIn().token();
        CompletableFuture<Object[]> witnessed = witness(token);
        Client client = connected(o -> o, new Credentials.BearerToken(token));

        JsonNode first = server.publish(ADA, Map.of("type", "success", "title", "Build finished",
                "message", "main is green", "createdAt", "2026-11-25T10:15:00.000Z"));
        JsonNode second = server.publish(ADA, "Deploy started");
        client.thread.await(client.store, "both arrived", s -> s.notifications().size() == 2);

        Object[] wire = witnessed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(wire).as("the payload and the recovery offset").hasSize(2);
        assertThat(wire[1]).isInstanceOf(String.class);
        Notification stored = client.thread.call(client.store, s -> held(s, first.path("id").asText()));
        assertThat(stored).isEqualTo(new Notification(first.path("id").asText(), NotificationType.SUCCESS,
                "Build finished", "main is green", Instant.parse("2026-11-25T10:15:00Z"), false));
        List<String> order = client.thread.call(client.store, s -> s.notifications().stream().map(Notification::id)
                .toList());
        assertThat(order).containsExactly(second.path("id").asText(), first.path("id").asText());
        int unread = client.thread.call(client.store, NotificationStore::unreadCount);
        assertThat(unread).isEqualTo(2);
    }

    @Test
    void malformedPayloadsAreSkippedAndLoggedAndValidOnesStillArrive() throws Exception {
        server = NodeServer.start();
        LogCapture codecLog = captureCodecLog();
        Client client = connected(o -> o, new Credentials.BearerToken(signIn().token()));
        List<String> malformed = List.of("42", "[1, 2]", "\"just text\"", "{\"title\": \"no id\"}",
                "{\"id\": \"\", \"title\": \"empty id\"}", "{\"id\": 7, \"title\": \"number id\"}");

        malformed.forEach(payload -> server.emitRaw(ADA, payload));
        server.emitRaw(ADA, "{\"id\": \"valid-1\", \"type\": \"info\", \"title\": \"Valid\", \"message\": \"\","
                + " \"createdAt\": \"2026-11-25T10:15:00.000Z\", \"read\": false}");

        client.thread.await(client.store, "the valid one arrived", s -> held(s, "valid-1") != null);
        int size = client.thread.call(client.store, s -> s.notifications().size());
        assertThat(size).isEqualTo(1);
        assertThat(codecLog.warnings()).hasSize(malformed.size());
    }

    @Test
    void unknownTypeIsShownAsInfo() {
        server = NodeServer.start();
        Client client = connected(o -> o, new Credentials.BearerToken(signIn().token()));

        server.emitRaw(ADA, "{\"id\": \"party-1\", \"type\": \"celebration\", \"title\": \"Party\", \"message\": \"\","
                + " \"createdAt\": \"2026-11-25T10:15:00.000Z\", \"read\": false}");

        client.thread.await(client.store, "it arrived", s -> held(s, "party-1") != null);
        NotificationType type = client.thread.call(client.store, s -> held(s, "party-1").type());
        assertThat(type).isEqualTo(NotificationType.INFO);
    }

    @Test
    void unparsableDateIsReplacedByTheTimeOfArrival() {
        server = NodeServer.start();
        Client client = connected(o -> o, new Credentials.BearerToken(signIn().token()));
        Instant before = Instant.now();

        server.emitRaw(ADA, "{\"id\": \"date-1\", \"type\": \"info\", \"title\": \"Bad date\", \"message\": \"\","
                + " \"createdAt\": \"yesterday-ish\", \"read\": false}");

        client.thread.await(client.store, "it arrived", s -> held(s, "date-1") != null);
        Instant createdAt = client.thread.call(client.store, s -> held(s, "date-1").createdAt());
        assertThat(createdAt).isBetween(before, Instant.now());
    }

    // ---- losing the connection

    @Test
    void revokedSessionRequiresSignInAndTheClientDoesNotReconnect() {
        server = NodeServer.start();
        Client client = connected(o -> o, new Credentials.BearerToken(signIn().token()));
        int handshakes = server.handshakes();

        assertThat(server.revoke(ADA)).isEqualTo(1);

        client.thread.await(client.store, "sign-in is required", s -> s.authRequiredProperty().get());
        assertThat(server.awaitHandshakesAbove(handshakes, Duration.ofSeconds(3)))
                .as("handshakes after the revocation, within 3 s").isEqualTo(handshakes);
        assertThat(server.connections().path("open").asInt()).isZero();
        boolean connected = client.thread.call(client.store, NotificationStore::isConnectedNow);
        assertThat(connected).isFalse();
    }

    @Test
    void serverSideDisconnectIsFollowedByAnAutomaticReconnect() {
        server = NodeServer.start();
        Client client = connected(o -> o, new Credentials.BearerToken(signIn().token()));

        reconnectAfterServerDisconnect(client);

        assertThat(server.connections().path("log").path(0).path("disconnectReason").asText())
                .isEqualTo("server namespace disconnect");
        String id = server.publish(ADA, "After the reconnect").path("id").asText();
        client.thread.await(client.store, "a notification arrived over the new connection", s -> held(s, id) != null);
    }

    @Test
    void listenersAreNotDuplicatedAcrossReconnects() {
        server = NodeServer.start();
        Client client = connected(o -> o, new Credentials.BearerToken(signIn().token()));
        Map<String, Integer> additions = new ConcurrentHashMap<>();
        client.thread.run(client.store, s -> s.notifications().addListener((ListChangeListener<Notification>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(n -> additions.merge(n.id(), 1, Integer::sum));
            }
        }));
        reconnectAfterServerDisconnect(client);

        String id = server.publish(ADA, "Once").path("id").asText();
        client.thread.await(client.store, "it arrived", s -> held(s, id) != null);
        // A fence: whatever a duplicate handler did with the first one happened before the second arrives.
        String fence = server.publish(ADA, "Fence").path("id").asText();
        client.thread.await(client.store, "the fence arrived", s -> held(s, fence) != null);

        int size = client.thread.call(client.store, s -> s.notifications().size());
        assertThat(size).isEqualTo(2);
        assertThat(additions).containsEntry(id, 1).containsEntry(fence, 1);
    }

    private void reconnectAfterServerDisconnect(Client client) {
        int handshakes = server.handshakes();
        assertThat(server.disconnect(ADA)).isEqualTo(1);
        assertThat(server.awaitHandshakesAbove(handshakes, WAIT)).as("handshakes after the disconnect")
                .isGreaterThan(handshakes);
        client.awaitConnected();
        assertThat(server.connections().path("accepted").asInt()).isEqualTo(2);
    }

    // ---- marking read on a backend without the extensions

    @Test
    void markAllReadFallsBackToSingleReadsWhenTheBatchIsNotAnswered() {
        server = NodeServer.start();
        Client client = connected(o -> o.withAckTimeout(500), new Credentials.BearerToken(signIn().token()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(server.publish(ADA, "Item " + i).path("id").asText());
        }
        client.thread.await(client.store, "three arrived", s -> s.notifications().size() == 3);

        client.thread.run(client.store, NotificationStore::markAllAsRead);

        List<JsonNode> singles = server.awaitEvents("mark:read", ids.size(), WAIT);
        assertThat(singles).map(p -> p.path("notificationId").asText()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(server.events("mark:read:batch")).singleElement()
                .satisfies(p -> assertThat(p.path("notificationIds")).map(JsonNode::asText)
                        .containsExactlyInAnyOrderElementsOf(ids));
        assertThat(server.notifications(ADA)).allSatisfy(n -> assertThat(n.path("read").asBoolean()).isTrue());
        client.thread.assertStays(client.store, "every notification stays read, without an error",
                Duration.ofSeconds(1), s -> s.unreadCount() == 0 && s.errorProperty().get() == null
                        && s.notifications().stream().allMatch(Notification::read));
        assertThat(client.service.pendingReads().join()).as("reads not yet settled").isZero();
    }

    @Test
    void markReadWithoutAnAckIsNotRolledBack() {
        server = NodeServer.start("--no-ack-mark-read");
        Client client = connected(o -> o.withAckTimeout(500), new Credentials.BearerToken(signIn().token()));
        String id = server.publish(ADA, "No ack").path("id").asText();
        client.thread.await(client.store, "it arrived", s -> held(s, id) != null);

        client.thread.run(client.store, s -> s.markAsRead(id));

        assertThat(server.awaitEvents("mark:read", 1, WAIT)).hasSize(1);
        client.thread.assertStays(client.store, "it stays read, without an error, past the ack timeout",
                Duration.ofMillis(1500), s -> held(s, id).read() && s.errorProperty().get() == null);
        assertThat(client.service.pendingReads().join()).as("reads not yet settled").isZero();
        assertThat(server.notifications(ADA).path(0).path("read").asBoolean()).isTrue();
    }

    @Test
    void markReadRefusedByTheServerIsRolledBackAndShown() {
        server = NodeServer.start();
        Client client = connected(o -> o, new Credentials.BearerToken(signIn().token()));
        Notification unknown = new Notification("not-on-the-server", NotificationType.INFO, "Ghost", "",
                Instant.parse("2026-11-25T10:15:00Z"), false);
        client.thread.run(client.store, s -> s.restore(List.of(unknown)));

        client.thread.run(client.store, s -> s.markAsRead(unknown.id()));

        client.thread.await(client.store, "the read is rolled back and an error shown",
                s -> !held(s, unknown.id()).read() && s.errorProperty().get() != null
                        && s.errorProperty().get().message().contains("refused"));
        assertThat(server.events("mark:read")).singleElement()
                .satisfies(p -> assertThat(p.path("notificationId").asText()).isEqualTo(unknown.id()));
    }

    @Test
    void channelSubscriptionsFollowTheGuidesAccessRules() throws Exception {
        server = NodeServer.start();
        Client client = connected(o -> o, new Credentials.BearerToken(signIn().token()));

        assertThat(client.service.subscribe("user:1:billing").get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(client.service.subscribe("broadcast").get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(client.service.subscribe("user:2").get(10, TimeUnit.SECONDS)).isFalse();
    }

    // ---- helpers

    /** Signs in through the fixture (not AuthClient), so that socket tests do not depend on Belfry's HTTP. */
    private NodeServer.Session signIn() {
        return server.signIn(ADA_EMAIL, ADA_PASSWORD);
    }

    private Client client(UnaryOperator<ConnectionOptions> tune) {
        Client client = new Client(server.url(), NotificationStore.DEFAULT_MAX_NOTIFICATIONS, tune);
        resources.add(client);
        return client;
    }

    private Client connected(UnaryOperator<ConnectionOptions> tune, Credentials credentials) {
        Client client = client(tune).connect(credentials);
        client.awaitConnected();
        return client;
    }

    private static Notification held(NotificationStore store, String id) {
        return store.notifications().stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }

    /** A bare socket.io client that keeps the arguments of the first notification:new, exactly as received. */
    private CompletableFuture<Object[]> witness(String token) throws Exception {
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(0, TimeUnit.MILLISECONDS).build();
        IO.Options options = IO.Options.builder().setForceNew(true).setMultiplex(false).setReconnection(false)
                .setAuth(Map.of("token", token)).build();
        options.callFactory = http;
        options.webSocketFactory = http;
        Socket socket = IO.socket(URI.create(server.url() + "/notifications"), options);
        CompletableFuture<Object[]> received = new CompletableFuture<>();
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.on("notification:new", received::complete);
        socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.connect();
        resources.add(() -> {
            socket.close();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        });
        connected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return received;
    }

    /** What the codec logs from now until the end of the test. */
    private LogCapture captureCodecLog() {
        LogCapture capture = new LogCapture(NotificationCodec.LOGGER_NAME).start();
        resources.add(capture::stop);
        return capture;
    }
}

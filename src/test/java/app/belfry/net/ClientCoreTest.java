package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.model.Events;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import app.belfry.server.ReceivedEvent;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import app.belfry.testing.Client;
import app.belfry.testing.Quiet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client core (connection, service, store) against the reference backend, on loopback. */
class ClientCoreTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "lovelace");
    private static final UserAccount GRACE = new UserAccount("grace@example.com", "hopper");

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
    }

    private ReferenceServer server(UnaryOperator<ServerOptions> tune) throws Exception {
        ReferenceServer server = ReferenceServer.start(tune.apply(ServerOptions.defaults()
                .withUsers(List.of(ADA, GRACE))));
        closeAfter.add(server);
        return server;
    }

    private Client client(ReferenceServer server, int max, UnaryOperator<ConnectionOptions> tune) {
        Client client = new Client(server.url(), max, tune);
        closeAfter.add(client);
        return client;
    }

    private static AuthClient.Session signIn(ReferenceServer server, UserAccount user) throws AuthException {
        return new AuthClient(ConnectionOptions.defaults(server.url())).signIn(user.email(), user.password());
    }

    private static Credentials token(ReferenceServer server, UserAccount user) throws AuthException {
        return new Credentials.BearerToken(signIn(server, user).token());
    }

    private static long count(ReferenceServer server, String event) {
        return server.receivedEvents().stream().filter(e -> e.event().equals(event)).count();
    }

    @Test
    void tokenSignInConnectsAndNotificationsArriveNewestFirst() throws Exception {
        ReferenceServer server = server(o -> o);
        Client client = client(server, 50, o -> o).connect(token(server, ADA));
        client.awaitConnected();
        String ada = server.userId(ADA.email());
        server.publish(ada, NotificationType.INFO, "First", "one");
        server.publish(ada, NotificationType.ERROR, "Second", "two");
        server.publish(server.userId(GRACE.email()), NotificationType.INFO, "Not for Ada", "");

        client.thread.await(client.store, "two notifications", s -> s.notifications().size() == 2);
        assertThat(client.titles())
                .containsExactly("Second", "First");
        assertThat(client.unread()).isEqualTo(2);
    }

    @Test
    void cookieSignInConnectsOverPollingToo() throws Exception {
        ReferenceServer server = server(o -> o);
        AuthClient.Session session = signIn(server, ADA);
        assertThat(session.cookie().name()).isEqualTo(Events.SESSION_COOKIE);
        Client client = client(server, 50, o -> o.withTransports(List.of("polling"))).connect(session.cookie());
        client.awaitConnected();
        server.publish(server.userId(ADA.email()), NotificationType.SUCCESS, "Polled", "");
        client.thread.await(client.store, "the notification", s -> s.notifications().size() == 1);
    }

    @Test
    void aWrongPasswordGivesTheServersMessage() throws Exception {
        ReferenceServer server = server(o -> o);
        assertThatThrownBy(() -> new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), "nope"))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Invalid email or password");
                    assertThat(e.credentialsRefused()).isTrue();
                });
    }

    @Test
    void anUnreachableServerIsAClearErrorNotACrash() {
        assertThatThrownBy(() -> new AuthClient(ConnectionOptions.defaults("http://127.0.0.1:1")).signIn("a@b.c", "x"))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Cannot reach http://127.0.0.1:1");
                    assertThat(e.credentialsRefused()).isFalse();
                });
    }

    @Test
    void anInvalidTokenAsksForSignInAndNeverRetries() throws Exception {
        ReferenceServer server = server(o -> o);
        Client client = client(server, 50, o -> o).connect(new Credentials.BearerToken("forged"));
        client.thread.await(client.store, "sign-in required", s -> s.authRequiredProperty().get());
        assertThat(client.error().message()).isEqualTo("Invalid session");
        Quiet.holdsFor(Duration.ofSeconds(2), "one refusal only", () -> server.authRefusals() == 1);
    }

    @Test
    void aRevokedSessionEndsRetrying() throws Exception {
        ReferenceServer server = server(o -> o);
        AuthClient.Session session = signIn(server, ADA);
        Client client = client(server, 50, o -> o).connect(session.cookie());
        client.awaitConnected();
        new AuthClient(ConnectionOptions.defaults(server.url())).signOut(session.cookie());

        client.thread.await(client.store, "sign-in required", s -> s.authRequiredProperty().get());
        assertThat(client.connected()).isFalse();
        Quiet.holdsFor(Duration.ofSeconds(2), "no reconnection", () -> server.connectCount() == 1
                && server.authRefusals() == 0);
    }

    @Test
    void aServerRestartMidStreamReconnectsAndCatchesUpWithoutDuplicates() throws Exception {
        ReferenceServer server = server(o -> o);
        String ada = server.userId(ADA.email());
        Client client = client(server, 50, o -> o).connect(token(server, ADA));
        client.awaitConnected();
        server.publish(ada, NotificationType.INFO, "Before 1", "");
        server.publish(ada, NotificationType.INFO, "Before 2", "");
        client.thread.await(client.store, "two", s -> s.notifications().size() == 2);

        server.stopListening();
        client.thread.await(client.store, "disconnected", s -> !s.isConnectedNow());
        server.publish(ada, NotificationType.WARNING, "While down", "");
        server.resumeListening();

        client.thread.await(client.store, "caught up", s -> s.isConnectedNow() && s.notifications().size() == 3);
        assertThat(client.titles())
                .containsExactly("While down", "Before 2", "Before 1");
        assertThat(client.unread()).isEqualTo(3);
    }

    @Test
    void aServerSideDisconnectReconnectsByItself() throws Exception {
        ReferenceServer server = server(o -> o);
        Client client = client(server, 50, o -> o).connect(token(server, ADA));
        client.awaitConnected();
        int[] connects = connectionCounter(client);
        server.disconnectUser(server.userId(ADA.email()));
        client.thread.await(client.store, "reconnected", s -> s.isConnectedNow() && connects[0] == 1);
        server.publish(server.userId(ADA.email()), NotificationType.INFO, "After", "");
        client.thread.await(client.store, "one notification", s -> s.notifications().size() == 1);
    }

    @Test
    void actionsTakenOfflineArriveExactlyOnceAfterReconnect() throws Exception {
        ReferenceServer server = server(o -> o);
        String ada = server.userId(ADA.email());
        Client client = client(server, 50, o -> o).connect(token(server, ADA));
        client.awaitConnected();
        Notification first = server.publish(ada, NotificationType.INFO, "1", "");
        server.publish(ada, NotificationType.INFO, "2", "");
        server.publish(ada, NotificationType.INFO, "3", "");
        client.thread.await(client.store, "three", s -> s.notifications().size() == 3);

        server.stopListening();
        client.thread.await(client.store, "disconnected", s -> !s.isConnectedNow());
        client.thread.run(client.store, s -> s.markAsRead(first.id()));
        client.thread.run(client.store, s -> s.markAllAsRead());
        assertThat(client.unread()).isZero();
        assertThat(client.service.pendingReads().get()).isEqualTo(2);

        server.resumeListening();
        client.awaitConnected();
        client.thread.await(client.store, "delivered", s -> count(server, Events.MARK_READ_BATCH) == 1
                && pending(client) == 0);
        assertThat(client.service.pendingReads().get()).isZero();
        assertThat(count(server, Events.MARK_READ)).isEqualTo(1);
        assertThat(server.receivedEvents()).filteredOn(e -> e.event().equals(Events.MARK_READ))
                .extracting(ReceivedEvent::payloadJson).containsExactly("{\"notificationId\":\"" + first.id() + "\"}");
        Quiet.holdsFor(Duration.ofSeconds(1), "nothing sent twice",
                () -> count(server, Events.MARK_READ) == 1 && count(server, Events.MARK_READ_BATCH) == 1);
        assertThat(client.unread()).isZero();
    }

    @Test
    void markAllReadSendsBatchesOfAtMostAHundred() throws Exception {
        ReferenceServer server = server(o -> o);
        String ada = server.userId(ADA.email());
        Client client = client(server, 200, o -> o).connect(token(server, ADA));
        client.awaitConnected();
        for (int i = 0; i < 150; i++) {
            server.publish(ada, NotificationType.INFO, "n" + i, "");
        }
        client.thread.await(client.store, "150", s -> s.notifications().size() == 150);
        client.thread.run(client.store, s -> s.markAllAsRead());

        client.thread.await(client.store, "both batches answered",
                s -> count(server, Events.MARK_READ_BATCH) == 2 && pending(client) == 0);
        assertThat(count(server, Events.MARK_READ)).isZero();
        assertThat(server.receivedEvents()).filteredOn(e -> e.event().equals(Events.MARK_READ_BATCH))
                .extracting(e -> e.payloadJson().split(",").length).containsExactly(100, 50);
        assertThat(client.unread()).isZero();
        assertThat(client.error()).isNull();
    }

    @Test
    void aBackendWithoutBatchIsServedBySingleReads() throws Exception {
        ReferenceServer server = server(o -> o.withBatch(false));
        String ada = server.userId(ADA.email());
        Client client = client(server, 50, o -> o.withAckTimeout(500)).connect(token(server, ADA));
        client.awaitConnected();
        for (int i = 0; i < 5; i++) {
            server.publish(ada, NotificationType.INFO, "n" + i, "");
        }
        client.thread.await(client.store, "5", s -> s.notifications().size() == 5);
        client.thread.run(client.store, s -> s.markAllAsRead());

        client.thread.await(client.store, "five singles", s -> count(server, Events.MARK_READ) == 5 && pending(client) == 0);
        assertThat(count(server, Events.MARK_READ_BATCH)).isEqualTo(1);
        assertThat(client.unread()).isZero();
        assertThat(client.error()).isNull();
    }

    @Test
    void fiveHundredSingleReadsArePacedUnderTheRateLimit() throws Exception {
        ReferenceServer server = server(o -> o.withRateLimit(100).withRateWindow(1_000));
        String ada = server.userId(ADA.email());
        Client client = client(server, 500, o -> o.withRateLimit(100, 1_000)).connect(token(server, ADA));
        client.awaitConnected();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add(server.publish(ada, NotificationType.INFO, "n" + i, "").id());
        }
        client.thread.await(client.store, "500", s -> s.notifications().size() == 500);
        client.thread.run(client.store, s -> ids.forEach(s::markAsRead));

        client.thread.await(client.store, "all 500 delivered", Duration.ofSeconds(30),
                s -> count(server, Events.MARK_READ) == 500 && pending(client) == 0);
        assertThat(client.error())
                .as("no RATE_LIMITED, no rollback").isNull();
        assertThat(client.unread()).isZero();
    }

    @Test
    void readsRefusedForTheRateWaitAndGoAgainInsteadOfRollingBack() throws Exception {
        // The server allows 10 a second; the client believes the guide's 100: pacing cannot prevent the refusals.
        ReferenceServer server = server(o -> o.withRateLimit(10).withRateWindow(1_000));
        String ada = server.userId(ADA.email());
        Client client = client(server, 50, o -> o.withRateLimit(100, 1_000)).connect(token(server, ADA));
        client.awaitConnected();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(server.publish(ada, NotificationType.INFO, "n" + i, "").id());
        }
        client.thread.await(client.store, "30", s -> s.notifications().size() == 30);
        client.thread.run(client.store, s -> ids.forEach(s::markAsRead));

        client.thread.await(client.store, "all delivered in the end", Duration.ofSeconds(30),
                s -> pending(client) == 0);
        assertThat(client.unread()).as("nothing rolled back").isZero();
        for (String id : ids) {
            assertThat(server.receivedEvents()).as("read of " + id + " reached the server")
                    .anyMatch(e -> e.event().equals(Events.MARK_READ) && e.payloadJson().contains(id));
        }
    }

    @Test
    void aReadTheServerRefusesIsRolledBack() throws Exception {
        ReferenceServer server = server(o -> o);
        Client client = client(server, 50, o -> o).connect(token(server, ADA));
        client.awaitConnected();
        Notification unknown = new Notification("not-on-the-server", NotificationType.INFO, "Ghost", "",
                java.time.Instant.parse("2026-01-01T00:00:00Z"), false);
        client.thread.run(client.store, s -> s.restore(List.of(unknown)));
        // Optimistic: read at once, in the same store task (the server's refusal may be back by the next task: the
        // click waits until the read is on disk, and by then it has been sent).
        int unreadAtOnce = client.thread.call(client.store, s -> {
            s.markAsRead(unknown.id());
            return s.unreadCount();
        });
        assertThat(unreadAtOnce).isZero();

        client.thread.await(client.store, "rolled back", s -> s.unreadCount() == 1 && s.errorProperty().get() != null);
        assertThat(client.first().read()).isFalse();
    }

    @Test
    void aBurstOfTenThousandIsAHandfulOfListChanges() throws Exception {
        ReferenceServer server = server(o -> o);
        String ada = server.userId(ADA.email());
        Client client = client(server, 100, o -> o).connect(token(server, ADA));
        client.awaitConnected();
        int[] changes = {0};
        client.thread.run(client.store, s -> s.notifications().addListener(
                (javafx.collections.ListChangeListener<Notification>) c -> changes[0]++));
        Notification last = null;
        for (int i = 0; i < 10_000; i++) {
            last = server.publish(ada, NotificationType.INFO, "n" + i, "");
        }
        String lastId = last.id();
        client.thread.await(client.store, "the last one on top", Duration.ofSeconds(60),
                s -> !s.notifications().isEmpty() && s.notifications().get(0).id().equals(lastId));
        int seen = client.thread.<Integer>call(client.store, s -> changes[0]);
        assertThat(client.size()).isEqualTo(100);
        assertThat(client.unread()).isEqualTo(100);
        assertThat(seen).as("list changes for 10,000 arrivals").isLessThan(500);
        System.out.println("10,000 arrivals took " + seen + " list changes");
    }

    @Test
    void subscriptionsAreAnsweredAndRenewedAfterReconnect() throws Exception {
        ReferenceServer server = server(o -> o);
        String ada = server.userId(ADA.email());
        Client client = client(server, 50, o -> o).connect(token(server, ADA));
        client.awaitConnected();
        assertThat(client.service.subscribe("user:" + ada + ":billing").get(10, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        assertThat(client.service.subscribe("user:999").get(10, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
        int[] connects = connectionCounter(client);
        server.disconnectUser(ada);
        client.thread.await(client.store, "reconnected", s -> s.isConnectedNow() && connects[0] == 1);
        client.thread.await(client.store, "renewed", s -> server.receivedEvents().stream()
                .filter(e -> e.event().equals(Events.SUBSCRIBE_CHANNEL) && e.payloadJson().contains("billing"))
                .count() == 2);
    }

    /** Counts the store's transitions to connected from now on (read it on the store's thread). */
    private static int[] connectionCounter(Client client) {
        int[] count = {0};
        client.thread.run(client.store, s -> s.connectedProperty().addListener((o, was, is) -> {
            if (is) {
                count[0]++;
            }
        }));
        return count;
    }

    private static int pending(Client client) {
        try {
            return client.service.pendingReads().get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

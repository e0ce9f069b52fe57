package app.belfry.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.model.Events;
import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import app.belfry.model.NotificationType;
import app.belfry.net.NetworkSettings;
import app.belfry.net.SecretRedactor;
import app.belfry.server.ReceivedEvent;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import app.belfry.store.NotificationStore;
import app.belfry.testing.StoreThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's lifecycle against a real backend and a real data folder, as the window and headless mode use it:
 * every way a session ends, and the rule that nothing of one account is shown to, or sent under, another. Background
 * work runs synchronously; the store's thread is a single-thread executor, as in headless mode.
 */
class SessionLifecycleTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "lovelace-1815");
    private static final UserAccount BOB = new UserAccount("bob@example.com", "babbage-1791");

    @TempDir
    Path dataDir;

    private ReferenceServer server;
    private final StoreThread storeThread = new StoreThread();
    private NotificationStore store;
    private SessionManager sessions;
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA, BOB)));
        open();
    }

    private void open() {
        store = new NotificationStore(storeThread.executor(), 100);
        Profile profile = Profile.open(dataDir, false, true, new NotificationCodec(), Clock.systemUTC());
        sessions = new SessionManager(store, storeThread.executor(), Runnable::run, profile, NetworkSettings.DEFAULTS,
                new NotificationCodec(), new SecretRedactor(), () -> {
                    throw new IllegalStateException("no demo here");
                }, new SessionManager.Listener() {
                    @Override
                    public void sessionStarted(String serverUrl) {
                        heard.add("started " + serverUrl);
                    }

                    @Override
                    public void signInNeeded(String message, SessionManager.Reason reason) {
                        heard.add("sign-in needed: " + reason + ": " + message);
                    }

                    @Override
                    public void problem(String message) {
                        heard.add("problem: " + message);
                    }
                });
    }

    @AfterEach
    void stop() throws Exception {
        closeSessions();
        storeThread.close();
        server.close();
    }

    private void closeSessions() throws Exception {
        storeThread.call(store, s -> sessions.close()).get(10, TimeUnit.SECONDS);
    }

    private void signIn(UserAccount user) throws Exception {
        storeThread.call(store, s -> sessions.signIn(new SignIn(server.url(), user.email(), user.password(), null)))
                .get(20, TimeUnit.SECONDS);
        storeThread.await(store, user.email() + " connected", s -> s.isConnectedNow());
    }

    private Notification publish(UserAccount user, String title) {
        return server.publish(server.userId(user.email()), NotificationType.INFO, title, "");
    }

    private List<String> titles() {
        return storeThread.call(store, SessionLifecycleTest::titles);
    }

    /** On the store's thread. */
    private static List<String> titles(NotificationStore s) {
        return s.notifications().stream().map(Notification::title).toList();
    }

    private List<ReceivedEvent> reads() {
        return server.receivedEvents().stream()
                .filter(e -> e.event().equals(Events.MARK_READ) || e.event().equals(Events.MARK_READ_BATCH)).toList();
    }

    /** The account folders' outbox files, as text. */
    private String outboxes() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("outbox.json")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    /** Goes offline, takes a read there (on disk when the call returns), and comes back. */
    private void readWhileOffline(String id) throws Exception {
        server.stopListening();
        storeThread.await(store, "offline", s -> !s.isConnectedNow());
        storeThread.run(store, s -> s.markAsRead(id));
        assertThat(outboxes()).as("the read is on disk when markAsRead returns").contains(id);
    }

    @Test
    void theNextUserSeesNothingOfTheOneTheServerEndedAndTheQueuedReadWaitsForItsOwner() throws Exception {
        signIn(ADA);
        Notification first = publish(ADA, "Ada's first");
        publish(ADA, "Ada's second");
        storeThread.await(store, "Ada's two", s -> s.notifications().size() == 2);
        readWhileOffline(first.id());

        server.resumeListening();
        server.revokeSessions(server.userId(ADA.email())); // Ada's session ends on the server while she is away
        storeThread.await(store, "the session ended", s -> heard.stream().anyMatch(h -> h.contains("SERVER_ENDED")));
        storeThread.await(store, "Ada's notifications gone", s -> s.notifications().isEmpty() && s.unreadCount() == 0);

        signIn(BOB);
        publish(BOB, "Bob's");
        storeThread.await(store, "Bob's", s -> s.notifications().size() == 1);
        storeThread.assertStays(store, "nothing of Ada's shows", Duration.ofMillis(700),
                s -> s.notifications().stream().noneMatch(n -> n.title().startsWith("Ada")));
        assertThat(reads()).as("Ada's queued read is never sent under Bob").isEmpty();

        signIn(ADA); // Ada again: her history, her read
        storeThread.await(store, "Ada's history, with her read", s -> s.notifications().size() == 2
                && s.notifications().stream().anyMatch(n -> n.id().equals(first.id()) && n.read()));
        assertThat(titles()).containsExactlyInAnyOrder("Ada's first", "Ada's second");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (reads().isEmpty() && System.nanoTime() < deadline) {
            storeThread.assertStays(store, "connected", Duration.ofMillis(50), s -> s.isConnectedNow());
        }
        assertThat(reads()).extracting(ReceivedEvent::userId, ReceivedEvent::payloadJson)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(server.userId(ADA.email()),
                        "{\"notificationId\":\"" + first.id() + "\"}"));
    }

    @Test
    void signingOutKeepsTheQueuedReadForTheSameUsersNextSession() throws Exception {
        signIn(ADA);
        Notification first = publish(ADA, "Ada's first");
        storeThread.await(store, "Ada's one", s -> s.notifications().size() == 1);
        readWhileOffline(first.id());

        storeThread.run(store, s -> sessions.signOut());
        storeThread.await(store, "emptied", s -> s.notifications().isEmpty());
        server.resumeListening();
        signIn(BOB);
        storeThread.assertStays(store, "Bob's list stays empty", Duration.ofMillis(500),
                s -> s.notifications().isEmpty());
        assertThat(reads()).as("nothing of Ada's under Bob").isEmpty();

        signIn(ADA);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (reads().isEmpty() && System.nanoTime() < deadline) {
            storeThread.assertStays(store, "connected", Duration.ofMillis(50), s -> s.isConnectedNow());
        }
        assertThat(reads()).extracting(ReceivedEvent::userId).containsExactly(server.userId(ADA.email()));
    }

    @Test
    void historyIsPerAccountAndComesFromTheDiskWhenTheServerIsAway() throws Exception {
        signIn(ADA);
        publish(ADA, "Ada's");
        storeThread.await(store, "Ada's", s -> s.notifications().size() == 1);
        signIn(BOB); // replaces Ada's session
        publish(BOB, "Bob's");
        storeThread.await(store, "only Bob's", s -> titles(s).equals(List.of("Bob's")));
        closeSessions();

        server.stopListening(); // what shows after the restart can only come from the disk
        open();
        storeThread.run(store, s -> sessions.start(new SessionManager.Start.Resume(null)));
        storeThread.await(store, "Bob's history, from the disk", s -> titles(s).equals(List.of("Bob's")));
        storeThread.run(store, s -> sessions.signOut());
        storeThread.await(store, "emptied", s -> s.notifications().isEmpty());
        server.resumeListening();
        signIn(ADA);
        assertThat(titles()).containsExactly("Ada's");
    }

    /**
     * Clearing is Belfry's own: after "Clear all" and a restart the history is empty, so the catch-up asks for
     * everything unread, and the server still has both; neither comes back, and what is new does.
     */
    @Test
    void whatWasClearedStaysClearedAfterARestartWhoseCatchUpBringsItAgain() throws Exception {
        signIn(ADA);
        publish(ADA, "First");
        publish(ADA, "Second");
        storeThread.await(store, "both", s -> s.notifications().size() == 2);
        assertThat(storeThread.call(store, NotificationStore::clearAll)).isEqualTo(2);
        closeSessions();

        publish(ADA, "While away");
        open();
        storeThread.run(store, s -> sessions.start(new SessionManager.Start.Resume(null)));
        storeThread.await(store, "connected, caught up", s -> s.isConnectedNow() && !s.notifications().isEmpty());
        storeThread.assertStays(store, "only what is new", java.time.Duration.ofSeconds(1),
                s -> titles(s).equals(List.of("While away")));
        assertThat(Files.readString(dataDir.resolve("accounts").toFile().listFiles()[0].toPath()
                .resolve("cleared.json"))).contains("\"ids\"");
    }

    /**
     * The settings (who) and the secret (with which credentials) are written apart, and a halt or a failing keychain
     * can leave them from two different sessions: the kept secret is Ada's while the settings name Bob. Resuming
     * must show nothing of Bob's and send none of his reads under Ada.
     */
    @Test
    void aKeptSecretThatIsNotTheOneTheSettingsNameOpensNobodysHistory() throws Exception {
        signIn(ADA);
        storeThread.run(store, s -> sessions.profile().flush());
        byte[] adasSecret = Files.readAllBytes(dataDir.resolve("credentials.json"));
        signIn(BOB);
        Notification bobs = publish(BOB, "Bob's");
        storeThread.await(store, "Bob's", s -> s.notifications().size() == 1);
        readWhileOffline(bobs.id());
        closeSessions();
        Files.write(dataDir.resolve("credentials.json"), adasSecret); // the settings still name Bob

        server.resumeListening();
        open();
        storeThread.run(store, s -> sessions.start(new SessionManager.Start.Resume(null)));
        storeThread.await(store, "connected with the kept secret", s -> s.isConnectedNow());
        storeThread.assertStays(store, "nothing of Bob's shows", Duration.ofMillis(700),
                s -> s.notifications().stream().noneMatch(n -> n.title().startsWith("Bob")));
        assertThat(reads()).as("Bob's queued read is not sent under Ada").isEmpty();
    }

    @Test
    void aSignInThatFailsAnyWayEndsInAMessageNeverAPendingFuture() throws Exception {
        var refused = storeThread.call(store, s -> sessions.signIn(new SignIn(server.url(), ADA.email(), "wrong",
                null)));
        assertThatThrownBy(() -> refused.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("Invalid email or password");
        var notAUrl = storeThread.call(store, s -> sessions.signIn(new SignIn("ftp://nowhere", ADA.email(), "x",
                null)));
        assertThatThrownBy(() -> notAUrl.get(5, TimeUnit.SECONDS)).hasMessageContaining("http");
        var forged = storeThread.call(store, s -> sessions.signIn(new SignIn(server.url(), null, null,
                "forged-token")));
        assertThatThrownBy(() -> forged.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(
                SessionManager.RefusedException.class);
        var superseded = storeThread.call(store, s -> sessions.signIn(new SignIn(server.url(), ADA.email(),
                ADA.password(), null)));
        storeThread.run(store, s -> sessions.signOut());
        try {
            superseded.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            assertThat(SessionManager.superseded(e) || e.getCause() instanceof java.util.concurrent.CancellationException)
                    .as("cancelled by the sign-out, not left pending: " + e).isTrue();
        }
    }
}

package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.Belfry;
import app.belfry.LaunchOptions;
import app.belfry.model.Events;
import app.belfry.model.NotificationType;
import app.belfry.net.AuthClient;
import app.belfry.net.ConnectionOptions;
import app.belfry.net.Credentials;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.io.TempDir;

/**
 * Belfry's window as QA drives it: TestFX, headless on Monocle, against the reference backend. Nodes are found by
 * their ids; every wait is TestFX's, on a condition.
 */
@ExtendWith(ApplicationExtension.class)
class BelfryUiTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "lovelace-1815");
    private static final UserAccount BOB = new UserAccount("bob@example.com", "babbage-1791");

    @TempDir
    java.nio.file.Path dataDir;

    private ReferenceServer server;
    private String token;
    private Belfry belfry;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA, BOB)));
        token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password()).token();
    }

    @AfterEach
    void stop() throws Exception {
        if (belfry != null) {
            shutDown();
        }
        WaitForAsyncUtils.asyncFx(stage::hide).get(10, TimeUnit.SECONDS);
        server.close();
    }

    private void open(String... args) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> belfry = Belfry.open(stage, LaunchOptions.parse(withDataDir(args), Map.of())))
                .get(10, TimeUnit.SECONDS);
    }

    private String[] withDataDir(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        return all.toArray(String[]::new);
    }

    private void openSignedIn(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server", server.url(), "--token", token));
        args.addAll(List.of(extra));
        open(args.toArray(String[]::new));
        waitUntil("connected", () -> belfry.store().isConnectedNow());
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out waiting until " + what);
        }
    }

    /** Ends Belfry as Quit does, and waits until everything is written and the data folder released. */
    private void shutDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> belfry.shutDown()).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Checks that {@code condition} holds for the whole {@code period}: for "nothing more happens". */
    private static void assertStays(String what, java.time.Duration period, Callable<Boolean> condition)
            throws Exception {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            assertThat(WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS)).as(what).isTrue();
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
    }

    private void signInThroughTheView(FxRobot robot, UserAccount user) throws Exception {
        waitUntil("the sign-in view", () -> robot.lookup("#login-view").query().isVisible());
        javafx.scene.control.TextField email = robot.lookup("#login-email").queryAs(javafx.scene.control.TextField.class);
        WaitForAsyncUtils.asyncFx(() -> email.setText(user.email())).get(10, TimeUnit.SECONDS);
        robot.clickOn("#login-password").write(user.password());
        robot.clickOn("#login-submit");
        waitUntil(user.email() + " signed in", () -> belfry.store().isConnectedNow()
                && !robot.lookup("#login-view").query().isVisible());
    }

    private List<String> titles() throws Exception {
        return fx(() -> belfry.store().notifications().stream().map(n -> n.title()).toList());
    }

    private long received(String event) {
        return server.receivedEvents().stream().filter(e -> e.event().equals(event)).count();
    }

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            server.publish(server.userId(ADA.email()), NotificationType.values()[i % 4], "Notification " + i,
                    "Message " + i);
        }
    }

    private static boolean has(Node node, String pseudoClass) {
        return node.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    @Test
    void theBadgeCountsThenSaysNinePlusThenGoesAwayAfterMarkAllRead(FxRobot robot) throws Exception {
        openSignedIn();
        Label badge = robot.lookup("#unread-badge").queryAs(Label.class);
        assertThat(fx(badge::isVisible)).as("no badge at zero").isFalse();

        publish(3);
        waitUntil("badge 3", () -> badge.isVisible() && badge.getText().equals("3"));
        assertThat(fx(() -> robot.lookup("#bell-button").query().getAccessibleText()))
                .isEqualTo("Notifications, 3 unread");
        publish(7);
        waitUntil("badge 9+", () -> badge.getText().equals("9+"));

        robot.clickOn("#bell-button");
        waitUntil("the dropdown", () -> robot.lookup("#notification-popover").tryQuery().isPresent());
        robot.clickOn("#mark-all-read");
        waitUntil("no badge", () -> !badge.isVisible());
        waitUntil("one batch on the server", () -> received(Events.MARK_READ_BATCH) == 1);
        assertThat(received(Events.MARK_READ)).isZero();
        assertThat(fx(() -> robot.lookup("#mark-all-read").query().isVisible())).isFalse();
    }

    @Test
    void theDotAndTheBannerFollowTheConnection(FxRobot robot) throws Exception {
        openSignedIn();
        Node dot = robot.lookup("#connection-dot").query();
        Node banner = robot.lookup("#realtime-banner").query();
        waitUntil("green dot, no banner", () -> has(dot, "connected") && !banner.isVisible());
        assertThat(fx(() -> robot.lookup("#connection-status").queryAs(Label.class).getText())).isEqualTo("Connected");
        assertThat(fx(() -> robot.lookup("#realtime-text").queryAs(Label.class).getText())).as("hidden: empty")
                .isEmpty();

        server.stopListening();
        waitUntil("grey dot and the banner", () -> !has(dot, "connected") && banner.isVisible());
        waitUntil("reconnecting with the attempt", () -> robot.lookup("#realtime-text").queryAs(Label.class).getText()
                .matches("Real-time updates unavailable\\. Reconnecting\\.\\.\\. \\(attempt \\d of 5\\)"));

        server.resumeListening();
        waitUntil("green again, banner gone", () -> has(dot, "connected") && !banner.isVisible());
        assertThat(fx(() -> robot.lookup("#realtime-text").queryAs(Label.class).getText())).isEmpty();

        WaitForAsyncUtils.asyncFx(() -> belfry.close()).get(10, TimeUnit.SECONDS);
        assertThat(fx(stage::isShowing)).as("close() hides Belfry's window").isFalse();
    }

    @Test
    void clickingAnUnreadRowMarksItReadWithExactlyOneEvent(FxRobot robot) throws Exception {
        openSignedIn();
        publish(1);
        waitUntil("one unread", () -> belfry.store().unreadCount() == 1);
        robot.clickOn("#bell-button");
        waitUntil("an unread row", () -> robot.lookup("#notification-list .notification-cell").queryAll().stream()
                .anyMatch(cell -> has(cell, "unread")));
        Node row = robot.lookup("#notification-list .notification-cell").queryAll().stream()
                .filter(cell -> has(cell, "unread")).findFirst().orElseThrow();
        robot.clickOn(row);

        waitUntil("read here", () -> belfry.store().unreadCount() == 0 && !has(row, "unread"));
        waitUntil("one mark:read on the server", () -> received(Events.MARK_READ) == 1);
        robot.clickOn(row); // a read row: clicking again sends nothing
        assertStays("still one mark:read, a round trip later", java.time.Duration.ofMillis(700),
                () -> received(Events.MARK_READ) == 1);
    }

    @Test
    void enterMarksTheFocusedRowRead(FxRobot robot) throws Exception {
        openSignedIn();
        publish(2);
        waitUntil("two unread", () -> belfry.store().unreadCount() == 2);
        robot.clickOn("#bell-button");
        waitUntil("the list has focus", () -> robot.lookup("#notification-list").query().isFocused());
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitUntil("one read", () -> belfry.store().unreadCount() == 1);
        waitUntil("one mark:read on the server", () -> received(Events.MARK_READ) == 1);
    }

    @Test
    void markAllReadSendsBatchesOfAHundred(FxRobot robot) throws Exception {
        openSignedIn("--max-notifications", "200");
        publish(150);
        waitUntil("150 unread", () -> belfry.store().unreadCount() == 150);
        robot.clickOn("#bell-button");
        robot.clickOn("#mark-all-read");
        waitUntil("two batches", () -> received(Events.MARK_READ_BATCH) == 2);
        assertThat(received(Events.MARK_READ)).isZero();
        assertThat(fx(() -> belfry.store().unreadCount())).isZero();
    }

    @Test
    void anEmptyInboxSaysSo(FxRobot robot) throws Exception {
        openSignedIn();
        robot.clickOn("#bell-button");
        waitUntil("the empty state", () -> robot.lookup("#empty-state").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(fx(() -> robot.lookup("#empty-state").queryAs(Label.class).getText())).isEqualTo("No notifications");
        assertThat(fx(() -> robot.lookup("#mark-all-read").query().isVisible())).isFalse();
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        waitUntil("closed", () -> robot.lookup("#notification-popover").tryQuery().map(n -> !n.getScene().getWindow()
                .isShowing()).orElse(true));
    }

    /**
     * Search: Ctrl+F reaches the field; typing filters the inbox as you type, whatever the case and accents, together
     * with the Unread switch; the words are highlighted; nothing found says so; Escape clears it. Rows carry their
     * notification's id for QA.
     */
    @Test
    void searchFindsAsYouTypeHighlightsAndClearsWithEscape(FxRobot robot) throws Exception {
        openSignedIn();
        String ada = server.userId(ADA.email());
        String cafe = server.publish(ada, NotificationType.INFO, "Café ouvert", "Le café du coin est ouvert").id();
        server.publish(ada, NotificationType.ERROR, "ÉCOLE fermée", "Grève à l'école");
        server.publish(ada, NotificationType.SUCCESS, "Deployed", "Release 2.14.0 is live");
        javafx.scene.control.ListView<?> inbox = robot.lookup("#inbox-list").queryAs(javafx.scene.control.ListView.class);
        waitUntil("three rows", () -> inbox.getItems().size() == 3);

        robot.clickOn("#inbox-list");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.F)
                .release(javafx.scene.input.KeyCode.F, javafx.scene.input.KeyCode.CONTROL);
        waitUntil("the search field focused", () -> robot.lookup("#inbox-search").query().isFocused());
        robot.write("CAFE");
        waitUntil("one row, found without its accent", () -> inbox.getItems().size() == 1);
        assertThat(fx(() -> ((app.belfry.model.Notification) inbox.getItems().get(0)).id())).isEqualTo(cafe);
        waitUntil("the word highlighted", () -> robot.lookup(".search-match").queryAll().stream()
                .anyMatch(n -> n.isVisible() && ((javafx.scene.text.Text) n).getText().equals("Café")));
        assertThat(fx(() -> robot.lookup(".notification-cell").queryAll().stream()
                .filter(n -> n.getUserData() != null).map(Node::getUserData).toList())).containsExactly(cafe);

        robot.eraseText(4).write("ecole");
        waitUntil("the other row", () -> inbox.getItems().size() == 1 && ((app.belfry.model.Notification) inbox
                .getItems().get(0)).title().equals("ÉCOLE fermée"));
        robot.clickOn("#filter-unread");
        assertThat(fx(() -> inbox.getItems().size())).as("with Unread: still unread").isEqualTo(1);
        WaitForAsyncUtils.asyncFx(() -> belfry.store().markAllAsRead()).get(10, TimeUnit.SECONDS);
        waitUntil("nothing unread matches", () -> inbox.getItems().isEmpty());
        robot.clickOn("#filter-all");

        robot.clickOn("#inbox-search").eraseText(5).write("zzz");
        waitUntil("nothing found, said so", () -> robot.lookup("#inbox-empty-state").queryAs(Label.class).getText()
                .equals("No notifications match \u201czzz\u201d"));
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        waitUntil("Escape cleared the search", () -> inbox.getItems().size() == 3);
        assertThat(fx(() -> robot.lookup("#inbox-search").queryAs(javafx.scene.control.TextField.class).getText()))
                .isEmpty();
    }

    /** Clearing: Delete on the focused row, a row's ✕, Clear read and Clear all; each with Undo (the bar or Ctrl+Z). */
    @Test
    void clearingWithDeleteTheRowsButtonAndTheMenuAndUndoingIt(FxRobot robot) throws Exception {
        openSignedIn();
        publish(4);
        javafx.scene.control.ListView<?> inbox = robot.lookup("#inbox-list").queryAs(javafx.scene.control.ListView.class);
        waitUntil("four rows", () -> inbox.getItems().size() == 4);
        Node undoBar = robot.lookup("#undo-bar").query();
        assertThat(fx(undoBar::isVisible)).isFalse();

        WaitForAsyncUtils.asyncFx(() -> {
            inbox.requestFocus();
            inbox.getFocusModel().focus(0);
        }).get(10, TimeUnit.SECONDS);
        robot.type(javafx.scene.input.KeyCode.DELETE);
        waitUntil("the focused row cleared", () -> inbox.getItems().size() == 3 && undoBar.isVisible());
        assertThat(fx(() -> robot.lookup("#undo-text").queryAs(Label.class).getText()))
                .isEqualTo("Cleared 1 notification.");
        robot.clickOn("#undo-button");
        waitUntil("back, on top again", () -> inbox.getItems().size() == 4 && !undoBar.isVisible()
                && belfry.store().notifications().get(0).title().equals("Notification 3"));

        Node secondRow = fx(() -> robot.lookup(".notification-cell").queryAll().stream()
                .filter(n -> "Notification 2".equals(belfry.store().notifications().stream()
                        .filter(x -> x.id().equals(n.getUserData())).map(x -> x.title()).findFirst().orElse(null)))
                .filter(n -> n.getScene() == stage.getScene()).findFirst().orElseThrow());
        robot.moveTo(secondRow);
        Node clearButton = fx(() -> robot.from(secondRow).lookup(".clear-button").query());
        robot.clickOn(clearButton, javafx.scene.input.MouseButton.PRIMARY);
        waitUntil("that row cleared", () -> inbox.getItems().size() == 3
                && belfry.store().notifications().stream().noneMatch(n -> n.title().equals("Notification 2")));
        assertThat(received(Events.MARK_READ)).as("clearing is not reading").isZero();

        WaitForAsyncUtils.asyncFx(() -> belfry.store().markAsRead(belfry.store().notifications().get(0).id()))
                .get(10, TimeUnit.SECONDS);
        robot.clickOn("#clear-menu").clickOn("#clear-read");
        waitUntil("the read one cleared", () -> inbox.getItems().size() == 2);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.Z, javafx.scene.input.KeyCode.CONTROL);
        waitUntil("Ctrl+Z brought it back", () -> inbox.getItems().size() == 3);

        robot.clickOn("#clear-menu").clickOn("#clear-all");
        waitUntil("all cleared", () -> inbox.getItems().isEmpty() && belfry.store().unreadCount() == 0);
        assertThat(fx(() -> robot.lookup("#undo-text").queryAs(Label.class).getText()))
                .isEqualTo("Cleared 3 notifications.");
        publish(1); // what is new still comes
        waitUntil("a new one", () -> inbox.getItems().size() == 1);
    }

    @Test
    void aWrongPasswordShowsTheServersMessage(FxRobot robot) throws Exception {
        open("--server", server.url());
        waitUntil("the sign-in view", () -> robot.lookup("#login-view").query().isVisible());
        robot.clickOn("#login-email").write(ADA.email());
        robot.clickOn("#login-password").write("not-the-password");
        robot.clickOn("#login-submit");
        waitUntil("the server's message", () -> robot.lookup("#login-error").queryAs(Label.class).getText()
                .equals("Invalid email or password"));
        assertThat(fx(() -> robot.lookup("#login-submit").query().isDisabled())).isFalse();

        robot.doubleClickOn("#login-password").eraseText(20).write(ADA.password());
        robot.clickOn("#login-submit");
        waitUntil("signed in", () -> belfry.store().isConnectedNow() && !robot.lookup("#login-view").query().isVisible());
    }

    /**
     * A company server with a certificate of its own authority: the sign-in view says in words why it is refused,
     * asks for the authority's file (an https server shows the field), and signs in with it; the file is kept with
     * the session. A token session without it shows the reason in the banner, with Retry, and is not retried.
     */
    @Test
    void aServerOfAPrivateAuthorityNeedsItsCaFileAndSaysSoInWords(FxRobot robot) throws Exception {
        java.nio.file.Path pkiDir = java.nio.file.Files.createDirectories(dataDir.resolveSibling(
                dataDir.getFileName() + "-pki"));
        app.belfry.testing.TestCertificates pki = new app.belfry.testing.TestCertificates(pkiDir);
        ReferenceServer tls = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA))
                .withTls(pki.localhost().certificate(), pki.localhost().key()));
        try {
            open("--server", tls.url());
            waitUntil("the sign-in view", () -> robot.lookup("#login-view").query().isVisible());
            assertThat(fx(() -> robot.lookup("#login-ca-file").query().isVisible())).as("for https").isTrue();
            robot.clickOn("#login-email").write(ADA.email());
            robot.clickOn("#login-password").write(ADA.password());
            robot.clickOn("#login-submit");
            waitUntil("the certificate's problem in words", () -> robot.lookup("#login-error").queryAs(Label.class)
                    .getText().contains("not from an authority Belfry trusts"));

            robot.clickOn("#login-ca-file").write(pki.caCertificate().toString());
            robot.clickOn("#login-submit"); // the password typed is still there
            waitUntil("signed in with the CA file", () -> belfry.store().isConnectedNow()
                    && !robot.lookup("#login-view").query().isVisible());
            shutDown();
            belfry = null;
            assertThat(java.nio.file.Files.readString(dataDir.resolve("settings.json")))
                    .contains(pki.caCertificate().getFileName().toString());

            String adaToken = new AuthClient(ConnectionOptions.defaults(tls.url()).withNetwork(
                    app.belfry.net.NetworkSettings.DEFAULTS.withCaFile(pki.caCertificate())))
                    .signIn(ADA.email(), ADA.password()).token();
            java.nio.file.Files.delete(dataDir.resolve("settings.json")); // the kept CA file forgotten
            open("--server", tls.url(), "--token", adaToken);
            Label banner = robot.lookup("#realtime-text").queryAs(Label.class);
            waitUntil("the banner says why", () -> banner.isVisible() && banner.getText().contains("not from an "
                    + "authority Belfry trusts"));
            assertThat(fx(() -> robot.lookup("#retry-button").query().isVisible())).isTrue();
        } finally {
            tls.close();
        }
    }

    @Test
    void aSessionRevokedByTheBackendBringsBackTheSignInView(FxRobot robot) throws Exception {
        openSignedIn();
        new AuthClient(ConnectionOptions.defaults(server.url())).signOut(new Credentials.BearerToken(token));
        waitUntil("the sign-in view", () -> robot.lookup("#login-view").query().isVisible());
        assertThat(fx(() -> robot.lookup("#login-error").queryAs(Label.class).getText()))
                .startsWith("Your session has ended");
        assertThat(fx(() -> robot.lookup("#realtime-banner").query().isVisible())).isFalse();
        assertThat(fx(() -> robot.lookup("#login-server").queryAs(javafx.scene.control.TextField.class).getText()))
                .isEqualTo(server.url());
    }

    @Test
    void theSessionAndTheHistoryAreKeptForTheNextStart(FxRobot robot) throws Exception {
        openSignedIn();
        publish(2);
        waitUntil("two", () -> belfry.store().notifications().size() == 2);
        shutDown();

        server.stopListening(); // what shows now can only come from the disk
        open("--server", server.url()); // no credentials given: the kept session is used
        waitUntil("the kept history, from the disk", () -> belfry.store().notifications().size() == 2);
        assertThat(titles()).containsExactly("Notification 1", "Notification 0");
        assertThat(fx(() -> belfry.store().isConnectedNow())).isFalse();
        server.resumeListening();
        waitUntil("connected with the kept session", () -> belfry.store().isConnectedNow());
        assertThat(fx(() -> robot.lookup("#login-view").query().isVisible())).isFalse();
        assertThat(titles()).as("the catch-up adds nothing twice").hasSize(2);
    }

    /**
     * The server ends Ada's session while she has a read queued; Bob signs in on the sign-in view that comes back.
     * Nothing of Ada's shows to Bob or is sent under him; when Ada signs in again, her history and her read are hers.
     */
    @Test
    void theNextUserAfterTheServerEndedASessionSeesAndSendsNothingOfThePreviousOnes(FxRobot robot) throws Exception {
        open("--server", server.url());
        signInThroughTheView(robot, ADA);
        String ada = server.userId(ADA.email());
        String first = server.publish(ada, NotificationType.INFO, "Ada's first", "").id();
        server.publish(ada, NotificationType.INFO, "Ada's second", "");
        waitUntil("Ada's two", () -> belfry.store().notifications().size() == 2);
        server.stopListening();
        waitUntil("offline", () -> !belfry.store().isConnectedNow());
        WaitForAsyncUtils.asyncFx(() -> belfry.store().markAsRead(first)).get(10, TimeUnit.SECONDS);

        server.resumeListening();
        server.revokeSessions(ada);
        waitUntil("the sign-in view", () -> robot.lookup("#login-view").query().isVisible());
        assertThat(fx(() -> robot.lookup("#login-error").queryAs(Label.class).getText()))
                .startsWith("Your session has ended");
        signInThroughTheView(robot, BOB);
        server.publish(server.userId(BOB.email()), NotificationType.INFO, "Bob's", "");
        waitUntil("Bob's", () -> titles().equals(List.of("Bob's")));
        Label badge = robot.lookup("#unread-badge").queryAs(Label.class);
        assertStays("only Bob's shows, and nothing is sent", java.time.Duration.ofMillis(800), () -> titles()
                .equals(List.of("Bob's")) && badge.getText().equals("1") && received(Events.MARK_READ) == 0);
        robot.clickOn("#bell-button");
        waitUntil("the dropdown", () -> robot.lookup("#notification-list").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#notification-list").queryAs(javafx.scene.control.ListView.class)
                .getItems().size())).isEqualTo(1);
        robot.type(javafx.scene.input.KeyCode.ESCAPE);

        robot.clickOn("#account-menu");
        robot.clickOn("#sign-out");
        signInThroughTheView(robot, ADA);
        waitUntil("Ada's history, her read kept", () -> belfry.store().notifications().size() == 2
                && belfry.store().notifications().stream().anyMatch(n -> n.id().equals(first) && n.read()));
        waitUntil("Ada's read sent, under Ada", () -> received(Events.MARK_READ) == 1);
        assertThat(server.receivedEvents()).filteredOn(e -> e.event().equals(Events.MARK_READ))
                .extracting(e -> e.userId()).containsExactly(ada);
    }

    /**
     * Preferences: Ctrl+, opens them; a bad time is said and nothing saved; what is saved is in settings.json and comes
     * back after a restart, and rules the popups.
     */
    @Test
    void preferencesAreSavedValidatedAndBackAfterARestart(FxRobot robot) throws Exception {
        openSignedIn();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.COMMA)
                .release(javafx.scene.input.KeyCode.COMMA, javafx.scene.input.KeyCode.CONTROL);
        waitUntil("the preferences", () -> robot.lookup("#preferences-dialog").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#pref-popup-info").queryAs(javafx.scene.control.CheckBox.class)
                .isSelected())).as("every type pops up by default").isTrue();
        assertThat(fx(() -> robot.lookup("#pref-sound-error").queryAs(javafx.scene.control.CheckBox.class)
                .isSelected())).as("errors sound by default").isTrue();
        assertThat(fx(() -> robot.lookup("#pref-start-at-login").queryAs(javafx.scene.control.CheckBox.class)
                .isDisabled())).as("a development run cannot start at login").isTrue();
        assertThat(robot.lookup(".preferences-note").queryAs(Label.class).getText())
                .startsWith("Start at login needs the installed Belfry");
        robot.clickOn("#pref-popup-info");
        robot.clickOn("#pref-sound-warning");
        robot.clickOn("#pref-do-not-disturb");
        robot.clickOn("#pref-quiet-from").write("7pm");
        robot.clickOn("#pref-quiet-to").write("07:00");
        robot.clickOn("#pref-save");
        waitUntil("a clear message", () -> robot.lookup("#pref-error").queryAs(Label.class).getText()
                .startsWith("Give times as hours and minutes"));
        robot.doubleClickOn("#pref-quiet-from").eraseText(3).write("19:00");
        robot.doubleClickOn("#pref-keep").eraseText(5).write("20000");
        robot.clickOn("#pref-save");
        waitUntil("too many to keep, said", () -> robot.lookup("#pref-error").queryAs(Label.class).getText()
                .equals("Keep from 1 to 10,000 notifications."));
        robot.doubleClickOn("#pref-keep").eraseText(5).write("250");
        robot.clickOn("#pref-theme");
        robot.clickOn("Dark");
        robot.clickOn("#pref-save");
        waitUntil("dark at once", () -> stage.getScene().getRoot().getStyleClass().contains("dark"));
        waitUntil("kept in the settings", () -> java.nio.file.Files.exists(dataDir.resolve("settings.json"))
                && java.nio.file.Files.readString(dataDir.resolve("settings.json")).contains("\"19:00\""));
        String saved = java.nio.file.Files.readString(dataDir.resolve("settings.json"));
        String compact = saved.replaceAll("\\s", "");
        assertThat(compact).contains("\"popupTypes\":[\"success\",\"warning\",\"error\"]")
                .contains("\"soundTypes\":[\"warning\",\"error\"]").contains("\"doNotDisturb\":true")
                .contains("\"theme\":\"dark\"");

        shutDown();
        belfry = null;
        openSignedIn();
        assertThat(fx(() -> belfry.store().maxNotifications())).as("keeps what Preferences said").isEqualTo(250);
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass().contains("dark"))).as("dark again").isTrue();
        robot.clickOn("#account-menu").clickOn("#preferences");
        waitUntil("the preferences again", () -> robot.lookup("#preferences-dialog").tryQuery().isPresent());
        assertThat(fx(() -> List.of(
                robot.lookup("#pref-popup-info").queryAs(javafx.scene.control.CheckBox.class).isSelected(),
                robot.lookup("#pref-sound-warning").queryAs(javafx.scene.control.CheckBox.class).isSelected(),
                robot.lookup("#pref-do-not-disturb").queryAs(javafx.scene.control.CheckBox.class).isSelected(),
                robot.lookup("#pref-quiet-from").queryAs(javafx.scene.control.TextField.class).getText()
                        .equals("19:00")))).containsExactly(false, true, true, true);
        robot.clickOn("#pref-cancel");
    }

    /**
     * The language chosen in Preferences is Belfry's from the next start: menus, the inbox, plurals, relative times
     * and the bell's spoken text in German.
     */
    @Test
    void aLanguageChosenInPreferencesSpeaksFromTheNextStart(FxRobot robot) throws Exception {
        try {
            openSignedIn();
            robot.clickOn("#account-menu").clickOn("#preferences");
            waitUntil("the preferences", () -> robot.lookup("#preferences-dialog").tryQuery().isPresent());
            robot.clickOn("#pref-language");
            robot.clickOn("Deutsch");
            robot.clickOn("#pref-save");
            waitUntil("kept in the settings", () -> java.nio.file.Files.exists(dataDir.resolve("settings.json"))
                    && java.nio.file.Files.readString(dataDir.resolve("settings.json")).contains("\"de\""));
            assertThat(fx(() -> robot.lookup("#account-menu").queryAs(javafx.scene.control.MenuButton.class)
                    .getText())).as("until the next start").isEqualTo("Account");

            shutDown();
            belfry = null;
            openSignedIn();
            server.publish(server.userId(ADA.email()), NotificationType.INFO, "Hallo", "Welt");
            server.publish(server.userId(ADA.email()), NotificationType.INFO, "Noch eins", "");
            waitUntil("two unread", () -> belfry.store().unreadCount() == 2);
            assertThat(fx(() -> List.of(
                    robot.lookup("#account-menu").queryAs(javafx.scene.control.MenuButton.class).getText(),
                    robot.lookup("#filter-unread").queryAs(javafx.scene.control.ToggleButton.class).getText(),
                    robot.lookup("#bell-button").queryAs(NotificationBell.class).getAccessibleText(),
                    robot.lookup("#connection-status").queryAs(Label.class).getText())))
                    .containsExactly("Konto", "Ungelesen", "Benachrichtigungen, 2 ungelesen", "Verbunden");
            waitUntil("a German relative time", () -> robot.lookup(".time").queryAllAs(Label.class).stream()
                    .anyMatch(l -> l.getText().equals("gerade eben") || l.getText().startsWith("vor ")));
        } finally {
            app.belfry.i18n.Texts.use(null, java.util.Locale.getDefault()); // the next tests read English
        }
    }

    /**
     * The main tasks with the keyboard alone: open the dropdown, read one (Enter) and another (Space), mark all read,
     * close it, search, and sign out through the account menu; every control passed on the way has a text a screen
     * reader says.
     */
    @Test
    void theMainTasksWorkWithTheKeyboardAlone(FxRobot robot) throws Exception {
        openSignedIn();
        String ada = server.userId(ADA.email());
        server.publish(ada, NotificationType.INFO, "First", "one");
        server.publish(ada, NotificationType.WARNING, "Second", "two");
        server.publish(ada, NotificationType.ERROR, "Third", "three");
        server.publish(ada, NotificationType.SUCCESS, "Fourth", "four");
        waitUntil("four unread", () -> belfry.store().unreadCount() == 4);
        assertThat(fx(() -> robot.lookup("#bell-button").queryAs(NotificationBell.class).getAccessibleText()))
                .isEqualTo("Notifications, 4 unread");
        assertThat(fx(() -> robot.lookup("#connection-status").queryAs(Label.class).getAccessibleText()))
                .isEqualTo("Connection: Connected");

        keys(robot, KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.N);
        waitUntil("the dropdown, its list focused", () -> robot.lookup("#notification-list").tryQuery()
                .map(n -> n.isFocused() && n.getScene().getWindow().isShowing()).orElse(false));
        assertThat(focusedRow(robot)).as("the newest row, said whole")
                .isEqualTo("Unread, Success: Fourth. four. moments ago");
        robot.type(KeyCode.ENTER);
        waitUntil("the newest read", () -> belfry.store().unreadCount() == 3);
        robot.type(KeyCode.DOWN);
        assertThat(focusedRow(robot)).startsWith("Unread, Error: Third.");
        robot.type(KeyCode.SPACE);
        waitUntil("the next one read", () -> belfry.store().unreadCount() == 2);
        assertThat(focusedRow(robot)).as("a read row says so by not saying unread")
                .isEqualTo("Error: Third. three. moments ago");
        keys(robot, KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.A);
        waitUntil("all read", () -> belfry.store().unreadCount() == 0);
        assertThat(fx(() -> robot.lookup("#bell-button").queryAs(NotificationBell.class).getAccessibleText()))
                .isEqualTo("Notifications, none unread");
        robot.type(KeyCode.ESCAPE);
        waitUntil("the dropdown closed", () -> robot.lookup("#notification-list").tryQuery()
                .map(n -> n.getScene().getWindow() == null || !n.getScene().getWindow().isShowing()).orElse(true));

        keys(robot, KeyCode.SHORTCUT, KeyCode.F);
        waitUntil("the search focused", () -> robot.lookup("#inbox-search").query().isFocused());
        assertThat(robot.lookup("#inbox-search").query().getAccessibleText()).startsWith("Search the notifications");
        robot.write("thir");
        waitUntil("one found", () -> robot.lookup("#inbox-list").queryListView().getItems().size() == 1);
        robot.type(KeyCode.ESCAPE);
        waitUntil("the search cleared", () -> robot.lookup("#inbox-list").queryListView().getItems().size() == 4);

        // Tab until the account menu has the focus; every control on the way says what it is.
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < 20 && !fx(() -> robot.lookup("#account-menu").query().isFocused()); i++) {
            robot.type(KeyCode.TAB);
            javafx.scene.Node focused = fx(() -> stage.getScene().getFocusOwner());
            String said = fx(() -> spoken(focused));
            assertThat(said).as("what a screen reader says of " + focused).isNotBlank();
            passed.add(said);
        }
        assertThat(fx(() -> robot.lookup("#account-menu").query().isFocused())).as("reached by Tab: " + passed)
                .isTrue();
        robot.type(KeyCode.SPACE);
        waitUntil("the menu open", () -> robot.lookup("#account-menu").queryAs(javafx.scene.control.MenuButton.class)
                .isShowing());
        robot.type(KeyCode.UP); // from the bottom: Sign out is the last item
        robot.type(KeyCode.ENTER);
        waitUntil("the sign-in view", () -> robot.lookup("#login-view").query().isVisible());
    }

    private static void keys(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        KeyCode[] reversed = new KeyCode[keys.length];
        for (int i = 0; i < keys.length; i++) {
            reversed[i] = keys[keys.length - 1 - i];
        }
        robot.release(reversed);
    }

    /** The accessible text of the dropdown's focused row. */
    private static String focusedRow(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup("#notification-list .notification-cell").queryAll().stream()
                .filter(n -> n instanceof NotificationCell cell && cell.isFocused())
                .map(n -> (String) n.queryAccessibleAttribute(javafx.scene.AccessibleAttribute.TEXT)).findFirst()
                .orElse(null));
    }

    /** What a screen reader says of a control: its accessible text, else its text, else its prompt. */
    private static String spoken(javafx.scene.Node node) {
        if (node == null) {
            return null;
        }
        if (node.getAccessibleText() != null) {
            return node.getAccessibleText();
        }
        if (node instanceof NotificationCell cell) { // a row says what it shows when a screen reader asks
            return (String) cell.queryAccessibleAttribute(javafx.scene.AccessibleAttribute.TEXT);
        }
        if (node instanceof javafx.scene.control.Labeled labeled && !labeled.getText().isBlank()) {
            return labeled.getText();
        }
        if (node instanceof javafx.scene.control.TextInputControl input) {
            return input.getPromptText();
        }
        if (node instanceof javafx.scene.control.ComboBox<?> box) {
            return box.getButtonCell() == null ? String.valueOf(box.getValue()) : box.getButtonCell().getText();
        }
        return null;
    }

    @Test
    void signingOutDisconnectsThenEndsTheSessionOnTheServer(FxRobot robot) throws Exception {
        openSignedIn();
        robot.clickOn("#account-menu");
        robot.clickOn("#sign-out");
        waitUntil("the sign-in view", () -> robot.lookup("#login-view").query().isVisible());
        waitUntil("the session is gone on the server", () -> server.sessionCount() == 0);
        assertThat(fx(() -> belfry.store().isConnectedNow())).isFalse();
        assertThat(fx(() -> belfry.store().notifications().isEmpty())).isTrue();
    }

    @Test
    void aFirstStartIsTheDemoAndAfterSigningInToOnesOwnServerTheNextStartIsThatServer(FxRobot robot)
            throws Exception {
        open(); // no server given, none kept: the demo
        waitUntil("connected to the demo", () -> belfry.embeddedServer() != null && belfry.store().isConnectedNow());
        String demo = belfry.embeddedServer().url();

        robot.clickOn("#account-menu");
        robot.clickOn("#sign-out");
        waitUntil("the sign-in view", () -> robot.lookup("#login-view").query().isVisible());
        robot.doubleClickOn("#login-server").eraseText(demo.length() + 5).write(server.url());
        robot.clickOn("#login-email").write(ADA.email());
        robot.clickOn("#login-password").write(ADA.password());
        robot.clickOn("#login-submit");
        waitUntil("signed in to the server", () -> belfry.store().isConnectedNow()
                && !robot.lookup("#login-view").query().isVisible());
        publish(1);
        waitUntil("its notification", () -> belfry.store().notifications().size() == 1);
        shutDown();

        open(); // again no server given: the one signed in to is kept, and beats the demo
        waitUntil("connected with the kept session", () -> belfry.store().isConnectedNow());
        assertThat(fx(() -> belfry.embeddedServer())).isNull();
        assertThat(fx(() -> robot.lookup("#login-view").query().isVisible())).isFalse();
        assertThat(fx(() -> belfry.store().notifications().stream().map(n -> n.title()).toList()))
                .containsExactly("Notification 0"); // not the demo's
    }

    @Test
    void aSecondBelfryOnAHeldDataFolderSaysSoAndKeepsNothing(FxRobot robot) throws Exception {
        try (app.belfry.persist.FolderLock held = app.belfry.persist.FolderLock.tryLock(dataDir).orElseThrow()) {
            openSignedIn();
            waitUntil("the notice", () -> robot.lookup("#notice-text").queryAs(Label.class).getText()
                    .startsWith("Another Belfry is using"));
            publish(1);
            waitUntil("its notification", () -> belfry.store().notifications().size() == 1);
        }
        try (var files = java.nio.file.Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsOnly("belfry.lock");
        }
    }

    /**
     * Without --data-dir (as an installed Belfry starts): the demo keeps nothing, and the first sign-in to a server of
     * one's own starts keeping the platform's folder, with what was chosen during the demo. Runs with a home folder of
     * its own, and not where a desktop session's keyring would get the session.
     */
    @Test
    void leavingTheDemoKeepsWhatWasChosenInIt(FxRobot robot) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DBUS_SESSION_BUS_ADDRESS") == null
                && System.getenv("XDG_DATA_HOME") == null, "a desktop session: its keyring is not for tests");
        String home = System.getProperty("user.home");
        java.nio.file.Path fakeHome = java.nio.file.Files.createDirectories(dataDir.resolve("home"));
        java.nio.file.Path folder = fakeHome.resolve(".local/share/belfry");
        System.setProperty("user.home", fakeHome.toString());
        try {
            WaitForAsyncUtils.asyncFx(() -> belfry = Belfry.open(stage, LaunchOptions.parse(new String[0], Map.of())))
                    .get(10, TimeUnit.SECONDS);
            waitUntil("connected to the demo", () -> belfry.embeddedServer() != null
                    && belfry.store().isConnectedNow());
            robot.clickOn("#account-menu");
            robot.clickOn("#do-not-disturb");
            robot.clickOn("#account-menu");
            robot.clickOn("#sign-out");
            waitUntil("the sign-in view", () -> robot.lookup("#login-view").query().isVisible());
            robot.doubleClickOn("#login-server").eraseText(40).write(server.url());
            robot.clickOn("#login-email").write(ADA.email());
            robot.clickOn("#login-password").write(ADA.password());
            robot.clickOn("#login-submit");
            waitUntil("kept", () -> java.nio.file.Files.exists(folder.resolve("settings.json"))
                    && java.nio.file.Files.readString(folder.resolve("settings.json")).contains(server.url()));
            assertThat(java.nio.file.Files.readString(folder.resolve("settings.json")))
                    .containsPattern("\"doNotDisturb\"\\s*:\\s*true");
        } finally {
            shutDown();
            belfry = null;
            System.setProperty("user.home", home);
        }
    }
}

package app.belfry.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.ActionJournal;
import app.belfry.model.Events;
import app.belfry.model.Preferences;
import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import app.belfry.model.NotificationType;
import app.belfry.net.AuthClient;
import app.belfry.net.ConnectionOptions;
import app.belfry.net.Credentials;
import app.belfry.net.NotificationService;
import app.belfry.net.SocketConnection;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import app.belfry.store.NotificationStore;
import app.belfry.testing.PrivateSessionBus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * From the store to the desktop's notification service, for real: Belfry's store and popup rules on the FX thread,
 * the D-Bus sink, and a recording {@code org.freedesktop.Notifications} on a private session bus.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopPopupsTest {

    @TempDir
    Path dir;

    private PrivateSessionBus bus;
    private RecordingNotificationService service;
    private NotificationStore store;
    private DesktopIntegration desktop;
    private int counter;
    private volatile Preferences preferences = Preferences.DEFAULTS;

    @Start
    void start(Stage stage) {
        store = new NotificationStore(Platform::runLater, 50);
    }

    private void open() throws Exception {
        bus = PrivateSessionBus.start(dir);
        service = RecordingNotificationService.exportOn(bus.address());
        DbusPopupSink sink = DbusPopupSink.connect(bus.address(), "").orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> desktop = new DesktopIntegration(store, new SimpleBooleanProperty(false),
                List.of(sink), () -> preferences, id -> { }, Platform::runLater))
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (desktop != null) {
            WaitForAsyncUtils.asyncFx(desktop::close).get(10, TimeUnit.SECONDS);
        }
        if (service != null) {
            service.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private void arrive(int count, NotificationType type) {
        for (int i = 0; i < count; i++) {
            counter++;
            store.onNotification(new Notification("n" + counter, type, "Title " + counter, "Body " + counter,
                    Instant.now(), false));
        }
    }

    private List<RecordingNotificationService.NotifyCall> calls(int expected, long seconds) throws Exception {
        List<RecordingNotificationService.NotifyCall> calls = new ArrayList<>();
        for (int i = 0; i < expected; i++) {
            RecordingNotificationService.NotifyCall call = service.calls().poll(seconds, TimeUnit.SECONDS);
            assertThat(call).as("Notify call " + (i + 1) + " of " + expected).isNotNull();
            calls.add(call);
        }
        return calls;
    }

    @Test
    void eachNotificationIsOneNotifyCall() throws Exception {
        open();
        arrive(1, NotificationType.ERROR);
        assertThat(calls(1, 10)).singleElement().satisfies(call -> {
            assertThat(call.summary()).isEqualTo("Title 1");
            assertThat(call.hint("urgency")).isEqualTo((byte) 2);
            assertThat(call.hint("sound-name")).as("errors sound by default, the desktop's sound")
                    .isEqualTo("message-new-instant");
        });
        arrive(1, NotificationType.INFO);
        assertThat(calls(1, 10)).singleElement().satisfies(call -> {
            assertThat(call.hint("urgency")).isEqualTo((byte) 1);
            assertThat(call.hint("suppress-sound")).as("info is silent by default").isEqualTo(true);
        });
    }

    /**
     * A popup's Mark read, end to end: a notification from the reference backend pops up through the D-Bus sink; the
     * notification service's button goes the way a click in the list goes (optimistic, then one {@code mark:read} to
     * the backend), and the summary's Mark all read marks what Belfry keeps.
     */
    @Test
    void markReadOnAPopupReachesTheBackend() throws Exception {
        UserAccount ada = new UserAccount("ada@example.com", "lovelace-1815");
        try (ReferenceServer server = ReferenceServer.start(
                ServerOptions.defaults().withUsers(List.of(ada)))) {
            String token = new AuthClient(ConnectionOptions.defaults(server.url()))
                    .signIn(ada.email(), ada.password()).token();
            SocketConnection connection = new SocketConnection(
                    ConnectionOptions.defaults(server.url()));
            try {
                NotificationService socket = new NotificationService(connection,
                        new NotificationCodec(), ActionJournal.IN_MEMORY, store,
                        store::newestCreatedAt);
                WaitForAsyncUtils.asyncFx(() -> store.bind(socket)).get(10, TimeUnit.SECONDS);
                open();
                socket.connect(new Credentials.BearerToken(token));
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(store::isConnectedNow)
                        .get());
                Notification sent = server.publish(server.userId(ada.email()), NotificationType.WARNING,
                        "Disk almost full", "db-2 at 91%");
                RecordingNotificationService.NotifyCall popup = calls(1, 10).get(0);
                assertThat(popup.actions()).contains("mark-read", "Mark read");

                clickUntil(popup, () -> server.receivedEvents().stream()
                        .anyMatch(e -> e.event().equals("mark:read") && e.payloadJson().contains(sent.id())));
                assertThat(server.receivedEvents().stream().filter(e -> e.event().startsWith("mark:read")))
                        .as("once, however often clicked").hasSize(1);
                assertThat(WaitForAsyncUtils.asyncFx(() -> store.unreadCount()).get(10, TimeUnit.SECONDS)).isZero();

                // A burst: a few popups and one summary, whose Mark all read reads all eight, in one batch.
                List<String> burst = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    burst.add(server.publish(server.userId(ada.email()), NotificationType.INFO, "Burst " + i, "").id());
                }
                RecordingNotificationService.NotifyCall summary = null;
                while (summary == null) { // how many pop up first depends on how recent the first popup still is
                    RecordingNotificationService.NotifyCall call = calls(1, 10).get(0);
                    summary = call.summary().endsWith("more new notifications") ? call : null;
                }
                assertThat(summary.actions()).contains("mark-read", "Mark all read");
                clickUntil(summary, () -> server.receivedEvents().stream()
                        .anyMatch(e -> e.event().equals(Events.MARK_READ_BATCH)));
                assertThat(server.receivedEvents()).filteredOn(e -> e.event().equals(Events.MARK_READ_BATCH))
                        .singleElement().satisfies(e -> assertThat(e.payloadJson()).contains(burst));
                assertThat(WaitForAsyncUtils.asyncFx(() -> store.unreadCount()).get(10, TimeUnit.SECONDS)).isZero();
            } finally {
                connection.close();
            }
        }
    }

    /**
     * Presses a popup's Mark read until it has its effect: the service records the call before its reply reaches the
     * sink, which remembers the popup only then, so a click this early could beat it (no user is that quick).
     */
    private void clickUntil(RecordingNotificationService.NotifyCall popup, java.util.function.BooleanSupplier done)
            throws Exception {
        for (int attempt = 0; attempt < 20 && !done.getAsBoolean(); attempt++) {
            service.emitActionInvoked(popup.id(), "mark-read");
            try {
                WaitForAsyncUtils.waitFor(500, TimeUnit.MILLISECONDS, done::getAsBoolean);
            } catch (java.util.concurrent.TimeoutException e) {
                // not remembered yet: click again
            }
        }
        assertThat(done.getAsBoolean()).as("the popup's Mark read reached the backend").isTrue();
    }

    @Test
    void doNotDisturbSendsNothingButErrorsBreakThrough() throws Exception {
        open();
        preferences = preferences.withDoNotDisturb(true);
        arrive(2, NotificationType.INFO);
        arrive(1, NotificationType.ERROR);
        assertThat(calls(1, 10)).singleElement().satisfies(call -> assertThat(call.summary()).isEqualTo("Title 3"));
        assertThat(service.calls().poll(1, TimeUnit.SECONDS)).as("nothing for the info ones").isNull();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> store.notifications().size()).get()).as("history kept").isEqualTo(3);
    }

    @Test
    void aBurstIsThreePopupsAndOneSummary() throws Exception {
        open();
        arrive(8, NotificationType.SUCCESS);
        List<RecordingNotificationService.NotifyCall> calls = calls(4, 10);
        assertThat(calls.subList(0, 3)).extracting(RecordingNotificationService.NotifyCall::summary)
                .containsExactly("Title 1", "Title 2", "Title 3");
        assertThat(calls.get(3).summary()).isEqualTo("5 more new notifications");
        assertThat(service.calls().poll(1, TimeUnit.SECONDS)).isNull();
    }
}

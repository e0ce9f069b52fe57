package app.belfry.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
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

    @Start
    void start(Stage stage) {
        store = new NotificationStore(Platform::runLater, 50);
    }

    private void open() throws Exception {
        bus = PrivateSessionBus.start(dir);
        service = RecordingNotificationService.exportOn(bus.address());
        DbusPopupSink sink = DbusPopupSink.connect(bus.address(), "").orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> desktop = new DesktopIntegration(store, new SimpleBooleanProperty(false),
                List.of(sink), () -> new DesktopIntegration.Quiet(null, null, true), id -> { }, Platform::runLater))
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
        });
        arrive(1, NotificationType.INFO);
        assertThat(calls(1, 10)).singleElement().satisfies(call -> assertThat(call.hint("urgency")).isEqualTo((byte) 1));
    }

    @Test
    void doNotDisturbSendsNothingButErrorsBreakThrough() throws Exception {
        open();
        WaitForAsyncUtils.asyncFx(() -> desktop.doNotDisturbProperty().set(true)).get();
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

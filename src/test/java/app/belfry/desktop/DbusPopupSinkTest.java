package app.belfry.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.desktop.RecordingNotificationService.NotifyCall;
import app.belfry.model.NotificationType;
import app.belfry.testing.PrivateSessionBus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import app.belfry.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DbusPopupSink} against a real dbus-daemon of its own and a recording notification service on it. */
class DbusPopupSinkTest {

    private static final long WAIT_SECONDS = 10;


    @TempDir
    Path dir;

    private PrivateSessionBus bus;
    private RecordingNotificationService service;
    private DbusPopupSink sink;
    private final LogCapture log = new LogCapture(DbusPopupSink.LOGGER_NAME);

    @BeforeEach
    void startBus() throws Exception {
        bus = PrivateSessionBus.start(dir);
        log.start();
    }

    @AfterEach
    void stopBus() throws Exception {
        log.stop();
        if (sink != null) {
            sink.close();
        }
        if (service != null) {
            service.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private void startServiceAndSink() throws Exception {
        service = RecordingNotificationService.exportOn(bus.address());
        sink = DbusPopupSink.connect(bus.address(), "").orElseThrow(
                () -> new AssertionError("no sink on a bus with a notification service; the daemon said: "
                        + bus.log()));
    }

    @Test
    void onePopupIsOneNotifyCallWithTheDesktopsFields() throws Exception {
        startServiceAndSink();

        assertThat(sink.show(new Popup("Deploy <prod> done", "Build #12 & \"tests\" <ok> passed",
                NotificationType.SUCCESS, "n-1"))).isTrue();
        assertThat(sink.show(new Popup("Disk full", "Only 2% left", NotificationType.ERROR, "n-2"))).isTrue();
        assertThat(sink.show(Popup.summary("12 new notifications", "while you were away"))).isTrue();

        // show() waits for the service's reply, so every call has arrived by now.
        List<NotifyCall> calls = new ArrayList<>();
        service.calls().drainTo(calls);
        assertThat(calls).hasSize(3);

        NotifyCall success = calls.get(0);
        assertThat(success.appName()).isEqualTo("Belfry");
        assertThat(success.replacesId()).isZero();
        assertThat(success.appIcon()).isEmpty();
        assertThat(success.summary()).isEqualTo("Deploy <prod> done");
        assertThat(success.body()).isEqualTo("Build #12 &amp; \"tests\" &lt;ok&gt; passed");
        assertThat(success.actions()).containsExactly("default", "Open", "mark-read", "Mark read");
        assertThat(success.hint("urgency")).isEqualTo((byte) 1);
        assertThat(success.hint("category")).isEqualTo("im.received");
        assertThat(success.expireTimeout()).isEqualTo(-1);

        NotifyCall error = calls.get(1);
        assertThat(error.summary()).isEqualTo("Disk full");
        assertThat(error.body()).isEqualTo("Only 2% left");
        assertThat(error.hint("urgency")).isEqualTo((byte) 2);

        NotifyCall summary = calls.get(2);
        assertThat(summary.summary()).isEqualTo("12 new notifications");
        assertThat(summary.hint("urgency")).isEqualTo((byte) 1);
        assertThat(summary.actions()).contains("default");
    }

    @Test
    void aClickOnAPopupGivesItsNotificationIdToTheHandler() throws Exception {
        startServiceAndSink();
        BlockingQueue<Optional<String>> activated = new LinkedBlockingQueue<>();
        sink.onAction((action, id) -> activated.add(Optional.ofNullable(id)));

        sink.show(new Popup("First", "one", NotificationType.INFO, "n-1"));
        sink.show(new Popup("Second", "two", NotificationType.WARNING, "n-2"));
        sink.show(Popup.summary("5 new notifications", "while you were away"));
        long first = service.calls().take().id();
        long second = service.calls().take().id();
        long summary = service.calls().take().id();

        service.emitActionInvoked(second, "default");
        assertThat(activated.poll(WAIT_SECONDS, TimeUnit.SECONDS)).contains("n-2");

        service.emitActionInvoked(summary, "default");
        assertThat(activated.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();

        service.emitActionInvoked(first, "default");
        assertThat(activated.poll(WAIT_SECONDS, TimeUnit.SECONDS)).contains("n-1");
    }

    /**
     * With a service that shows buttons: each popup offers Mark read (a summary, Mark all read) beside Open; the
     * button reaches the handler as MARK_READ, also after the popup expired into the desktop's notification list.
     */
    @Test
    void markReadIsAButtonThatStillWorksAfterThePopupExpiredIntoTheList() throws Exception {
        startServiceAndSink();
        BlockingQueue<String> acted = new LinkedBlockingQueue<>();
        sink.onAction((action, id) -> acted.add(action + " " + id));
        sink.show(new Popup("First", "one", NotificationType.INFO, "n-1"));
        sink.show(Popup.summary("5 new notifications", "while you were away"));
        RecordingNotificationService.NotifyCall first = service.calls().take();
        RecordingNotificationService.NotifyCall summary = service.calls().take();
        assertThat(first.actions()).containsExactly("default", "Open", "mark-read", "Mark read");
        assertThat(summary.actions()).containsExactly("default", "Open", "mark-read", "Mark all read");

        service.emitNotificationClosed(first.id(), 1); // expired: moved to the notification list
        service.emitActionInvoked(first.id(), "mark-read");
        assertThat(acted.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("MARK_READ n-1");
        service.emitActionInvoked(summary.id(), "mark-read");
        assertThat(acted.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("MARK_READ null");
        service.emitActionInvoked(first.id(), "default");
        assertThat(acted.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("OPEN n-1");
    }

    /** A service that plays sounds plays the sound theme's new-message sound for a popup that asks, and no other. */
    @Test
    void aPopupWithSoundNamesTheThemesSoundAndOneWithoutSuppressesIt() throws Exception {
        startServiceAndSink();
        assertThat(sink.playsSounds()).isTrue();
        sink.show(new Popup("Disk full", "db-2", NotificationType.ERROR, "n-1").withSound());
        sink.show(new Popup("Deployed", "2.14", NotificationType.SUCCESS, "n-2"));
        RecordingNotificationService.NotifyCall loud = service.calls().take();
        RecordingNotificationService.NotifyCall silent = service.calls().take();
        assertThat(loud.hint("sound-name")).isEqualTo("message-new-instant");
        assertThat(loud.hint("suppress-sound")).isNull();
        assertThat(silent.hint("sound-name")).isNull();
        assertThat(silent.hint("suppress-sound")).isEqualTo(true);
    }

    @Test
    void belfrysOwnChimeIsShortSoftAndNotSilent() {
        byte[] pcm = Chime.samples();
        assertThat(pcm.length / 2 / Chime.RATE).isBetween(0.15f, 0.3f);
        int loudest = 0;
        for (int i = 0; i < pcm.length; i += 2) {
            loudest = Math.max(loudest, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
        }
        assertThat(loudest).as("audible, and well below full scale").isBetween(1_000, Short.MAX_VALUE / 3);
        new Chime().play(); // without a sound device: false and one line in the log, never an exception
    }

    @Test
    void withoutButtonsAPopupOffersOnlyItsClick() {
        Popup popup = new Popup("First", "one", NotificationType.INFO, "n-1");
        assertThat(DbusPopupSink.actions(popup, false)).containsExactly("default", "Open");
        assertThat(DbusPopupSink.actions(popup, true)).contains("mark-read");
    }

    @Test
    void clicksOnOtherApplicationsPopupsOtherActionsAndClosedPopupsAreIgnored() throws Exception {
        startServiceAndSink();
        BlockingQueue<Optional<String>> activated = new LinkedBlockingQueue<>();
        sink.onAction((action, id) -> activated.add(Optional.ofNullable(id)));
        sink.show(new Popup("First", "one", NotificationType.INFO, "n-1"));
        sink.show(new Popup("Second", "two", NotificationType.INFO, "n-2"));
        long first = service.calls().take().id();
        long second = service.calls().take().id();

        // Signals from one sender arrive in order on the sink's one signal thread: if any of the ignored ones
        // had reached the handler, it would come out of the queue before n-2.
        service.emitActionInvoked(second + 1000, "default");
        service.emitActionInvoked(first, "snooze");
        service.emitNotificationClosed(first, 2);
        service.emitActionInvoked(first, "default");
        service.emitActionInvoked(second, "default");

        assertThat(activated.poll(WAIT_SECONDS, TimeUnit.SECONDS)).contains("n-2");
        assertThat(activated).isEmpty();
    }

    @Test
    void noNotificationServiceOnTheBusMeansNoSinkAndOneInfoLine() {
        Optional<DbusPopupSink> none = DbusPopupSink.connect(bus.address(), "");

        assertThat(none).isEmpty();
        assertThat(infoLines()).hasSize(1).first().asString().contains("no notification service");
    }

    @Test
    void anUnreachableBusMeansNoSinkAndOneInfoLine() {
        String nowhere = "unix:path=" + dir.resolve("no-such-socket");

        assertThat(DbusPopupSink.connect(nowhere, "")).isEmpty();
        assertThat(infoLines()).hasSize(1).first().asString().contains("cannot be reached");
    }

    @Test
    void aServiceThatWentAwayMakesShowReturnFalseWithOneWarning() throws Exception {
        startServiceAndSink();
        service.close();
        service = null;

        assertThat(sink.show(new Popup("Lost", "nobody listens", NotificationType.INFO, "n-1"))).isFalse();
        assertThat(warningLines()).hasSize(1);
    }

    @Test
    void closeEndsEveryThreadOfTheConnection() throws Exception {
        service = RecordingNotificationService.exportOn(bus.address());
        // dbus-java starts its threads in the group of the thread that connects: a group of its own sets the
        // sink's threads apart from the service's.
        ThreadGroup sinkThreads = new ThreadGroup("popup-sink-under-test");
        CompletableFuture<DbusPopupSink> connected = new CompletableFuture<>();
        Thread connector = new Thread(sinkThreads,
                () -> connected.complete(DbusPopupSink.connect(bus.address(), "").orElse(null)), "connector");
        connector.start();
        sink = connected.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(sink).isNotNull();
        connector.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertThat(sink.show(new Popup("Hello", "world", NotificationType.INFO, "n-1"))).isTrue();
        List<Thread> running = threadsOf(sinkThreads);
        assertThat(running).as("the sink's connection runs threads of its own").isNotEmpty();
        assertThat(running).filteredOn(thread -> !thread.isDaemon()).extracting(Thread::getName)
                .as("threads that would keep the JVM alive").isEmpty();

        sink.close();
        for (Thread thread : running) {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }

        assertThat(threadsOf(sinkThreads)).extracting(Thread::getName).as("threads left after close()").isEmpty();
        assertThat(sink.show(new Popup("After", "close", NotificationType.INFO, "n-2"))).isFalse();
        assertThat(service.calls()).hasSize(1);
    }

    private static List<Thread> threadsOf(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads);
        return List.of(Arrays.copyOf(threads, count));
    }

    private List<String> infoLines() {
        return lines(Level.INFO);
    }

    private List<String> warningLines() {
        return lines(Level.WARNING);
    }

    private List<String> lines(Level level) {
        return log.lines(level);
    }
}

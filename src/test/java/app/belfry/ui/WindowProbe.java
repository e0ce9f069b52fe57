package app.belfry.ui;

import app.belfry.Belfry;
import app.belfry.LaunchOptions;
import app.belfry.model.Notification;
import app.belfry.net.FloodRequest;
import app.belfry.net.SocketConnection;
import com.sun.javafx.tk.TKPulseListener;
import com.sun.javafx.tk.Toolkit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Belfry's side of the UI benchmark, inside the measured JVM: Belfry's real window ({@link Belfry#open}, as QA's
 * TestFX tests open it) on a real X server, signed in to the UI peer's flood server with a token (it takes any), the
 * dropdown open, measured with the definitions of the peer's README ("The same definitions on Belfry's side").
 * {@link UiBenchmark} starts it in a JVM of its own with the installed app's options; it is never part of the app.
 *
 * <p>Arguments: URL SCENARIO N RATE CAP DATA_DIR; system properties {@code belfry.bench.ui} (the file the JSON result
 * goes to; nothing is measured without it) and {@code belfry.bench.spawnNs} (the runner's {@code System.nanoTime()}
 * just before it spawned this JVM). Lines on stdout tell the runner where the run is: {@code idle} when the idle
 * window may begin.
 *
 * <p>Where the time is taken: at the end of each pulse, after every scene (the window's and the dropdown's) has
 * laid out and copied its state to the render graph, in a post-scene pulse listener of the toolkit. JavaFX has no
 * public hook there; a scene's post-layout listener comes before that scene waits for the previous frame's
 * rendering and copies its state, and a {@code Platform.runLater} from a listener would queue behind the
 * notifications already waiting (the peer's "MessageChannel" variant, which overstates under load). A row is on
 * screen at the end of the first pulse at which the dropdown's list or the inbox's holds it. The flood server's
 * {@code sentNs} (CLOCK_MONOTONIC, as {@code System.nanoTime()}) is read by a handler that runs before Belfry's own
 * on each event.
 */
public final class WindowProbe {

    private static final PseudoClass CONNECTED = PseudoClass.getPseudoClass("connected");
    /** Belfry's deferred start-up work (AWT's tray probe, D-Bus) is over by then; the peer has none to wait for. */
    private static final long SETTLE_BEFORE_GO_MILLIS = 1_000;
    private static final long IDLE_SETTLE_MILLIS = 5_000;

    private final String scenario;
    private final int n;
    private final int rate;
    private final int cap;
    private final Path out;
    private final long spawnNs;

    // Written by the socket's threads (the tap), read on the FX thread after the row reached the store through the
    // Inbox's queue, which orders the two.
    private final long[] sent;
    private final long[] received;
    // FX thread.
    private final long[] shown;
    private final boolean[] visible;
    private final List<Long> frames = new ArrayList<>();
    private final List<Long> pulseMillis = new ArrayList<>();
    private long pulseStart;
    private int highest = -1;
    private long startupNs;
    private boolean dropdownAsked;
    private boolean measuring;
    private boolean finished;
    private Stage stage;
    private Belfry belfry;
    private ListView<?> dropdown;
    private ListView<?> inbox;
    private NotificationBell bell;
    private Node dot;
    private final AtomicReference<SocketConnection> connection = new AtomicReference<>();
    private final LongRun longRun;
    // The toolkit holds its pulse listeners weakly: these fields keep them.
    private final TKPulseListener pulseStarts = () -> pulseStart = System.nanoTime();
    private final TKPulseListener pulseEnds = this::pulseEnded;
    private final AnimationTimer frameCounter = new AnimationTimer() {
        @Override
        public void handle(long now) {
            frames.add(System.nanoTime());
        }
    };

    private WindowProbe(String[] args) {
        scenario = args[1];
        n = Integer.parseInt(args[2]);
        rate = Integer.parseInt(args[3]);
        cap = Integer.parseInt(args[4]);
        out = Path.of(System.getProperty("belfry.bench.ui"));
        spawnNs = Long.parseLong(System.getProperty("belfry.bench.spawnNs"));
        int slots = scenario.equals("long") ? 0 : n; // the long run keeps figures per second, not per row
        sent = new long[slots];
        received = new long[slots];
        shown = new long[slots];
        visible = new boolean[slots];
        longRun = scenario.equals("long") ? new LongRun(n, Path.of(System.getProperty("belfry.bench.samples",
                out + ".samples"))) : null;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("belfry.bench.ui") == null) {
            throw new IllegalArgumentException("-Dbelfry.bench.ui=FILE is needed: where the figures go");
        }
        WindowProbe probe = new WindowProbe(args);
        CountDownLatch toolkit = new CountDownLatch(1);
        Platform.startup(toolkit::countDown);
        toolkit.await();
        Platform.runLater(() -> probe.open(args[0], args[5]));
    }

    /** FX thread: opens Belfry, taps its connection before it connects, opens the dropdown, follows the pulses. */
    private void open(String url, String dataDir) {
        stage = new Stage();
        belfry = Belfry.open(stage, LaunchOptions.parse(new String[] {"--server", url, "--token", "bench",
            "--data-dir", dataDir, "--keep", Integer.toString(cap)}, Map.of()));
        belfry.tapConnections(tapped -> {
            tapped.onAnyThread("notification:new", this::tap);
            connection.set(tapped);
        });
        Toolkit.getToolkit().addStageTkPulseListener(pulseStarts);
        Toolkit.getToolkit().addPostSceneTkPulseListener(pulseEnds);
        bell = (NotificationBell) stage.getScene().lookup("#bell-button");
        inbox = (ListView<?>) stage.getScene().lookup("#inbox-list");
    }

    /**
     * FX thread: clicks the bell, as the peer does once its button is there. Only once the window has the focus: the
     * dropdown hides itself when its window loses it, as the window takes it when it first shows.
     */
    private void openDropdown() {
        bell.fire();
        for (Window window : Window.getWindows()) {
            if (window.getScene() != null && window.getScene().lookup("#notification-list") instanceof ListView<?> l) {
                dropdown = l;
            }
        }
        if (dropdown == null) {
            throw new IllegalStateException("the dropdown did not open");
        }
    }

    /** A socket thread, before Belfry's own handler: the server's stamp, by the row's number. */
    private void tap(Object... payload) {
        long now = System.nanoTime();
        Map<?, ?> json = (Map<?, ?>) payload[0];
        int i = sequence((String) json.get("id"));
        if (i >= 0 && i < sent.length) {
            sent[i] = Long.parseLong((String) json.get("sentNs"));
            received[i] = now;
        }
    }

    /** FX thread, at the end of every pulse. */
    private void pulseEnded() {
        long now = System.nanoTime();
        if (!dropdownAsked && stage.isFocused()) {
            dropdownAsked = true;
            Platform.runLater(this::openDropdown); // not inside the pulse
        }
        if (startupNs == 0) {
            startupNs = connectedBellShown() ? now : 0;
            if (startupNs != 0) {
                afterStartup();
            }
            return;
        }
        if (!measuring || finished) {
            return;
        }
        pulseMillis.add((now - pulseStart) / 1_000_000);
        int before = highest;
        List<Integer> fresh = new ArrayList<>();
        highest = Math.max(collect(dropdown, before, now, fresh), collect(inbox, before, now, fresh));
        if (!fresh.isEmpty()) {
            Set<Integer> inView = rowsInView(dropdown);
            for (int i : fresh) {
                visible[i] = inView.contains(i);
            }
        }
        if (longRun != null ? highest >= n - 1 : shown[n - 1] != 0) {
            finish();
        }
    }

    /** Marks the rows of {@code list} newer than {@code before} as shown now; returns the newest row's number. */
    private int collect(ListView<?> list, int before, long now, List<Integer> fresh) {
        List<?> items = list.getItems();
        int newest = before;
        for (int k = 0; k < items.size(); k++) {
            int i = sequence(((Notification) items.get(k)).id());
            if (i <= before) {
                break;
            }
            newest = Math.max(newest, i);
            if (i < shown.length && shown[i] == 0) {
                shown[i] = now;
                fresh.add(i);
            }
        }
        return newest;
    }

    /** The numbers of the rows whose cells lie inside the list's viewport in this pulse (cells carry the id). */
    private static Set<Integer> rowsInView(ListView<?> list) {
        Set<Integer> rows = new HashSet<>();
        for (Node node : list.lookupAll(".notification-cell")) {
            if (node instanceof ListCell<?> cell && cell.isVisible() && cell.getUserData() instanceof String id) {
                Bounds box = list.sceneToLocal(cell.localToScene(cell.getLayoutBounds()));
                if (box.getMaxY() > 0 && box.getMinY() < list.getHeight()) {
                    rows.add(sequence(id));
                }
            }
        }
        return rows;
    }

    /** The bell is on screen with its dot green: the window shows, the bell too, the dot has {@code :connected}. */
    private boolean connectedBellShown() {
        if (dot == null) {
            dot = stage.getScene().lookup("#connection-dot"); // made by the bell's skin, at its first CSS pass
        }
        return stage.isShowing() && bell.isVisible() && dot != null && dot.getPseudoClassStates().contains(CONNECTED);
    }

    private void afterStartup() {
        if (scenario.equals("startup")) {
            write(startupFields() + "}");
            System.exit(0);
        }
        PauseTransition settle = new PauseTransition(javafx.util.Duration.millis(SETTLE_BEFORE_GO_MILLIS));
        settle.setOnFinished(e -> go());
        settle.play();
    }

    private void go() {
        if (dropdown == null) {
            System.err.println("The dropdown did not open: the window never had the focus");
            System.exit(2);
        }
        measuring = true;
        if (scenario.equals("flood")) {
            frameCounter.start(); // a frame every pulse, as the peer's rAF loop asks for one every vsync
        } else if (longRun != null) {
            longRun.start(() -> highest + 1);
        }
        FloodRequest.ask(connection.get(), n, rate);
    }

    private void finish() {
        finished = true;
        frameCounter.stop();
        if (longRun != null) {
            write(startupFields() + "," + longRun.finish() + "}");
            System.exit(0);
        }
        StringBuilder json = new StringBuilder(startupFields());
        long[] shownAt = shown;
        int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> shownAt[i] != 0).toArray();
        json.append(",\"shown\":").append(rows.length).append(",\"skipped\":").append(n - rows.length);
        json.append(",\"shownOutsideViewport\":").append(Arrays.stream(rows).filter(i -> !visible[i]).count());
        json.append(",\"badge\":").append(badge());
        json.append(",\"windowFocused\":").append(stage.isFocused());
        json.append(",\"dropdownShowing\":").append(dropdown.getScene().getWindow().isShowing());
        json.append(",\"pulses\":").append(pulses());
        String rowsFile = System.getProperty("belfry.bench.rows"); // every row's figures, to see where a tail lies
        if (rowsFile != null) {
            StringBuilder each = new StringBuilder("row sentMs receivedMs shownMs visible\n");
            for (int i : rows) {
                each.append(String.format(Locale.ROOT, "%d %.2f %.2f %.2f %b%n", i, (sent[i] - sent[0]) / 1e6,
                        (received[i] - sent[i]) / 1e6, (shown[i] - sent[i]) / 1e6, visible[i]));
            }
            try {
                java.nio.file.Files.writeString(Path.of(rowsFile), each);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        switch (scenario) {
            case "paced" -> {
                json.append(String.format(Locale.ROOT, ",\"emitRatePerSec\":%.2f", (n - 1) / ((sent[n - 1] - sent[0]) / 1e9)));
                json.append(",\"onScreen\":").append(quantiles(rows, i -> shown[i] - sent[i]));
                json.append(",\"onScreenVisibleRows\":").append(quantiles(Arrays.stream(rows).filter(i -> visible[i])
                        .toArray(), i -> shown[i] - sent[i]));
                json.append(",\"received\":").append(quantiles(rows, i -> received[i] - sent[i]));
            }
            case "flood" -> {
                long from = sent[0];
                long to = shown[n - 1];
                List<Long> ticks = frames.stream().filter(t -> t >= from && t <= to).toList();
                long gapsOver50 = 0;
                long maxGap = 0;
                for (int k = 1; k < ticks.size(); k++) {
                    long gap = ticks.get(k) - ticks.get(k - 1);
                    gapsOver50 += gap > 50_000_000 ? 1 : 0;
                    maxGap = Math.max(maxGap, gap);
                }
                json.append(",\"drainMs\":").append(ms(to - from));
                json.append(",\"perSec\":").append(Math.round(n / ((to - from) / 1e9)));
                json.append(",\"serverEmitMs\":").append(ms(sent[n - 1] - from));
                json.append(",\"lastReceivedMs\":").append(ms(received[n - 1] - from));
                json.append(",\"firstOnScreenMs\":").append(ms(shown[rows[0]] - from));
                json.append(",\"frames\":").append(ticks.size());
                json.append(",\"framesShowingNewRows\":").append(Arrays.stream(rows).mapToLong(i -> shown[i])
                        .distinct().count());
                json.append(",\"frameGapsOver50Ms\":").append(gapsOver50);
                json.append(",\"maxFrameGapMs\":").append(ms(maxGap));
            }
            default -> { }
        }
        write(json.append("}").toString());
        if (scenario.equals("idle")) {
            PauseTransition settle = new PauseTransition(javafx.util.Duration.millis(IDLE_SETTLE_MILLIS));
            settle.setOnFinished(e -> System.out.println("idle")); // the runner measures, then ends this JVM
            settle.play();
        } else {
            System.exit(0);
        }
    }

    private String startupFields() {
        return String.format(Locale.ROOT, "{\"startupMs\":%s", ms(startupNs - spawnNs));
    }

    /** What the bell says at the end: the badge's text, what a screen reader hears, and whether both are right. */
    private String badge() {
        Label badge = (Label) stage.getScene().lookup("#unread-badge");
        String text = badge.isVisible() ? badge.getText() : "";
        String spoken = bell.getAccessibleText();
        int expected = Math.min(n, cap);
        boolean ok = text.equals(NotificationBell.badgeText(expected)) && belfry.store().unreadCount() == expected
                && spoken.contains(String.format(Locale.ROOT, "%,d", expected));
        return String.format(Locale.ROOT, "{\"badge\":\"%s\",\"ariaLabel\":\"%s\",\"ok\":%b}", text, spoken, ok);
    }

    /** How long the scenes' part of each pulse took (CSS, layout, waiting for the last frame, copying state). */
    private String pulses() {
        long over50 = pulseMillis.stream().filter(m -> m > 50).count();
        long max = pulseMillis.stream().mapToLong(Long::longValue).max().orElse(0);
        return String.format(Locale.ROOT, "{\"count\":%d,\"over50Ms\":%d,\"maxMs\":%d}", pulseMillis.size(), over50,
                max);
    }

    /** As the peer takes them: sorted[floor(p × count)], and the largest. */
    private static String quantiles(int[] rows, java.util.function.IntToLongFunction nanos) {
        long[] values = Arrays.stream(rows).mapToLong(nanos).sorted().toArray();
        if (values.length == 0) {
            return "{\"count\":0}";
        }
        java.util.function.DoubleFunction<String> q = p -> ms(values[Math.min(values.length - 1,
                (int) Math.floor(p * values.length))]);
        return String.format(Locale.ROOT, "{\"count\":%d,\"p50Ms\":%s,\"p99Ms\":%s,\"maxMs\":%s}", values.length,
                q.apply(0.5), q.apply(0.99), ms(values[values.length - 1]));
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private void write(String json) {
        try {
            Files.writeString(out, json + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** "bench-1764140000000-123" → 123; -1 for any other id. */
    private static int sequence(String id) {
        if (!id.startsWith("bench-")) {
            return -1;
        }
        try {
            return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}

package app.belfry.ui;

import app.belfry.i18n.Texts;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;

/**
 * Rehearses drawing rows once, soon after the window first shows: a list made as the dropdown's is, in a scene of
 * its own that is never shown, takes made-up notifications one at a time, with a CSS and a layout pass after each, as
 * a burst does to the real lists.
 *
 * <p>Why: the installed app runs its code interpreted until the JIT compiler has seen it a few hundred times. Without
 * a rehearsal the first real burst paid for that: in the UI benchmark at about 700 a second, rows took 60-125 ms to
 * show in the burst's first quarter second and about 25 ms in the next half second, against 10-20 ms after. The
 * rehearsal costs about half a second of one core, once, in steps of a few milliseconds on the FX thread, each a task
 * of its own, so a real event or pulse waits for one step at most. Nothing of it reaches the store, the popups, the
 * history or a window: its notifications live in its own list, its cells in its own scene, and its relative times
 * never tick.
 */
final class WarmUp {

    /** Rows made up; the list holds the newest {@link #KEPT}, more than a viewport's worth. */
    static final int STEPS = 160;
    static final int KEPT = 24;
    /** Off with {@code -Dbelfry.warmUp=false}. */
    static final String PROPERTY = "belfry.warmUp";
    /** The rehearsal waits this long for the first connection, so that it never slows the start itself. */
    private static final Duration WAIT_FOR_CONNECTION = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(WarmUp.class.getName());
    private static final NotificationType[] TYPES = NotificationType.values();
    private static final String SHORT_MESSAGE = "One line"; // not shown
    private static final String LONG_MESSAGE = "Long enough to wrap onto a second line of the row and to be cut" // not shown
            + " there, with an ellipsis, as a build or a deployment with many words in it says"; // not shown

    private final Scene scene;
    private final ListView<Notification> list;
    private final ObservableList<Notification> items = FXCollections.observableArrayList();
    private final Instant start = Instant.now();

    /** FX thread: a list as the dropdown's, in a detached scene with the stylesheets and theme of {@code like}. */
    WarmUp(Scene like) {
        RelativeTime still = new RelativeTime(Clock.systemUTC(), Texts.locale(),
                (task, delay) -> CompletableFuture.completedFuture(null)); // never showing: it never ticks
        list = NotificationListView.create("warm-up-list", items, null, still, "warm-up-empty", "", row -> { });
        list.setId(null); // never found by a lookup, not even by QA's
        list.getPlaceholder().setId(null);
        list.setFixedCellSize(NotificationPanel.rowHeight());
        StackPane root = new StackPane(list);
        root.getStyleClass().setAll(like.getRoot().getStyleClass()); // the theme's class (.root.dark)
        scene = new Scene(root, 380, NotificationPanel.rowHeight() * 10);
        scene.getStylesheets().setAll(like.getStylesheets());
    }

    /**
     * Once per process: rehearses in the background when {@code connected} first holds, or after two seconds,
     * whichever comes first. FX thread.
     */
    static void once(Scene like, ObservableBooleanValue connected) {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) || !STARTED.compareAndSet(false, true)) {
            return;
        }
        CountDownLatch go = new CountDownLatch(1);
        if (connected.get()) {
            go.countDown();
        } else {
            connected.addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean is) {
                    if (is) {
                        connected.removeListener(this);
                        go.countDown();
                    }
                }
            });
        }
        WarmUp warmUp = new WarmUp(like);
        Thread pacer = new Thread(() -> {
            try {
                go.await(WAIT_FOR_CONNECTION.toMillis(), TimeUnit.MILLISECONDS);
                long began = System.nanoTime();
                for (int i = 0; i < STEPS; i++) {
                    int step = i;
                    runAndWait(() -> warmUp.step(step));
                }
                runAndWait(warmUp::clear);
                LOG.log(Level.FINE, "Rows rehearsed in {0} ms", (System.nanoTime() - began) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalStateException e) {
                LOG.log(Level.FINE, "The toolkit ended during the rehearsal", e);
            }
        }, "belfry-warm-up");
        pacer.setDaemon(true);
        pacer.start();
    }

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** FX thread: one made-up notification on top, the oldest beyond {@link #KEPT} off, then CSS and layout. */
    void step(int i) {
        Notification made = new Notification("warm-up-" + i, TYPES[i % TYPES.length], "Rehearsal " + i,
                i % 3 == 0 ? SHORT_MESSAGE : LONG_MESSAGE, start.minusSeconds(i * 7L), i % 5 == 0);
        items.add(0, made);
        if (items.size() > KEPT) {
            items.remove(KEPT, items.size());
        }
        if (i % 4 == 0 && items.size() > 2) {
            items.set(2, items.get(2).withRead(!items.get(2).read())); // a row marked read in place
        }
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }

    /** FX thread: lets go of the rows, so the cells are collected with the scene. */
    void clear() {
        items.clear();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }

    private static void runAndWait(Runnable step) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                step.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }

    /** For tests: a list built and consumed as in {@link #once}, without waiting; returns it after the last step. */
    static void rehearseNow(Scene like, Consumer<ListView<Notification>> afterLastStep) {
        WarmUp warmUp = new WarmUp(like);
        for (int i = 0; i < STEPS; i++) {
            warmUp.step(i);
        }
        afterLastStep.accept(warmUp.list);
        warmUp.clear();
    }
}

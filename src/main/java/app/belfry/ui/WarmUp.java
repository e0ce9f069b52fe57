package app.belfry.ui;

import app.belfry.i18n.Texts;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import app.belfry.store.NotificationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;

/**
 * Rehearses showing notifications once, soon after the window first shows: a store of its own, with a list made as
 * the dropdown's on it, in a scene of its own that is never shown, takes made-up notifications a few at a time, with
 * a CSS and a layout pass after each, as a burst does to the real store and lists.
 *
 * <p>Why: the installed app runs its code interpreted until the JIT compiler has seen it a few hundred times. Without
 * a rehearsal the first real burst paid for that: in the UI benchmark at about 700 a second, rows took 60-125 ms to
 * show in the burst's first quarter second and about 25 ms in the next half second, against 10-20 ms after, and the
 * first frame of a flood took a quarter of a second. The rehearsal costs about half a second of one core, once, in
 * steps of a few milliseconds on the FX thread, each a task of its own, so a real event or pulse waits for one step
 * at most. Nothing of it reaches the real store, the popups, the history or a window: its notifications live in its
 * own store, its cells in its own scene, and its relative times never tick.
 */
final class WarmUp {

    /** Steps; each hands the store {@link #PER_STEP} made-up notifications, of which it keeps the newest {@link #KEPT}. */
    static final int STEPS = 120;
    static final int PER_STEP = 3;
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
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private final NotificationStore store = new NotificationStore(Platform::runLater, KEPT);
    private final Scene scene;
    private final ListView<Notification> list;
    private final Instant start = Instant.now();

    /** FX thread: a list as the dropdown's, in a detached scene with the stylesheets and theme of {@code like}. */
    private WarmUp(Scene like) {
        RelativeTime still = new RelativeTime(Clock.systemUTC(), Texts.locale(),
                (task, delay) -> CompletableFuture.completedFuture(null)); // never showing: it never ticks
        list = NotificationListView.create("warm-up-list", store.notifications(), store, still, "warm-up-empty", "",
                row -> { });
        list.setId(null); // never found by a lookup, not even by QA's
        list.getPlaceholder().setId(null);
        list.setFixedCellSize(NotificationPanel.rowHeight());
        StackPane root = new StackPane(list);
        root.getStyleClass().setAll(like.getRoot().getStyleClass()); // the theme's class (.root.dark)
        scene = new Scene(root, 380, NotificationPanel.rowHeight() * 10);
        scene.getStylesheets().setAll(like.getStylesheets());
    }

    /**
     * Once per process: when {@code connected} first holds, or after two seconds, whichever comes first, has the
     * window's {@code lists} make their rows ahead and rehearses in the background. FX thread.
     */
    static void once(Scene like, ObservableBooleanValue connected, List<ListView<Notification>> lists) {
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
        rehearse(like, go, lists, list -> { });
    }

    /**
     * Any thread: rehearses on a thread of its own, which once {@code go} is open (or two seconds have passed) has
     * {@code lists} make their rows ahead ({@link NotificationListView#prepareRows}), then hands the FX thread one
     * step at a time, and calls {@code afterLastStep} on the FX thread before letting go of the rows. The future
     * completes when it is over.
     */
    static CompletableFuture<Void> rehearse(Scene like, CountDownLatch go, List<ListView<Notification>> lists,
            Consumer<ListView<Notification>> afterLastStep) {
        CompletableFuture<Void> over = new CompletableFuture<>();
        Thread pacer = new Thread(() -> {
            try {
                go.await(WAIT_FOR_CONNECTION.toMillis(), TimeUnit.MILLISECONDS);
                long began = System.nanoTime();
                runAndWait(() -> lists.forEach(NotificationListView::prepareRows)); // the real lists' rows, ahead
                WarmUp[] warmUp = new WarmUp[1];
                runAndWait(() -> warmUp[0] = new WarmUp(like));
                for (int i = 0; i < STEPS; i++) {
                    int step = i;
                    runAndWait(() -> warmUp[0].step(step));
                }
                // The store's last run can come a little later (its inbox spaces runs under a burst): wait for it.
                for (int wait = 0; wait < 100 && !callAndWait(warmUp[0]::holdsTheLast); wait++) {
                    Thread.sleep(5);
                }
                runAndWait(() -> warmUp[0].layout());
                runAndWait(() -> {
                    afterLastStep.accept(warmUp[0].list);
                    warmUp[0].clear();
                });
                LOG.log(Level.FINE, "Rows rehearsed in {0} ms", (System.nanoTime() - began) / 1_000_000);
                over.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                over.completeExceptionally(e);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "The rehearsal ended early (the toolkit ended?)", e);
                over.completeExceptionally(e);
            }
        }, "belfry-warm-up");
        pacer.setDaemon(true);
        pacer.start();
        return over;
    }

    /**
     * FX thread: lays out what the store made of the last step's notifications (they reach it in a task queued after
     * that step, or up to 2 ms later under a burst, when the next step's layout takes them), then hands it the next
     * few, now and then one changed in place.
     */
    private void step(int i) {
        layout();
        for (int k = 0; k < PER_STEP; k++) {
            int n = i * PER_STEP + k;
            store.onNotification(new Notification("warm-up-" + n, TYPES[n % TYPES.length], "Rehearsal " + n,
                    n % 3 == 0 ? SHORT_MESSAGE : LONG_MESSAGE, start.minusSeconds(n * 7L), n % 5 == 0));
        }
        if (i % 4 == 3 && store.notifications().size() > 2) {
            Notification held = store.notifications().get(2);
            store.onNotificationUpdated(held.withRead(!held.read())); // a row marked read, or unread, in place
        }
    }

    /** FX thread: whether the store has taken the last step's notifications. */
    private boolean holdsTheLast() {
        return !store.notifications().isEmpty()
                && store.notifications().get(0).id().equals("warm-up-" + (STEPS * PER_STEP - 1));
    }

    private void layout() {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }

    /** FX thread: lets go of the rows, so the cells are collected with the scene. */
    private void clear() {
        list.setItems(javafx.collections.FXCollections.emptyObservableList());
        layout();
    }

    private static boolean callAndWait(java.util.function.BooleanSupplier question) throws InterruptedException {
        boolean[] answer = new boolean[1];
        runAndWait(() -> answer[0] = question.getAsBoolean());
        return answer[0];
    }

    private static void runAndWait(Runnable step) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        RuntimeException[] failed = new RuntimeException[1];
        Platform.runLater(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                failed[0] = e;
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failed[0] != null) {
            throw failed[0];
        }
    }
}

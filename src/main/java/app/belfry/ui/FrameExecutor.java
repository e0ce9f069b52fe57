package app.belfry.ui;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Runs tasks on the FX thread at the start of the next pulse, before its CSS and layout passes, in the order they
 * came. The store runs on it in the window: whatever the arrival rate, the lists change once per frame, so each
 * visible row is redrawn once per frame. (A list change makes every row below it take its new item at once; with a
 * task per {@code Platform.runLater}, a thousand notifications a second redrew each visible row a thousand times a
 * second, for one frame in sixteen to show.) A task handed over now shows in the same pulse as it would have after
 * a {@code runLater}: the next one.
 *
 * <p>Between bursts it costs nothing: its timer runs only while tasks come, and stops at the first pulse that finds
 * none, so the pulse can stop too. Any thread may hand it tasks.
 */
public final class FrameExecutor implements Executor {

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** A timer is running, or about to be started by a task already handed to {@code runLater}. */
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            onPulse();
        }
    };

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (armed.compareAndSet(false, true)) {
            Platform.runLater(timer::start);
        }
    }

    /** For tests: whether its timer runs (or is about to), i.e. whether it keeps pulses coming. */
    boolean armed() {
        return armed.get();
    }

    /** FX thread, first thing in a pulse. */
    private void onPulse() {
        boolean ran = false;
        // Only what came before this pulse: a task that hands over another (the store's next run, after a backlog)
        // leaves it for the next frame.
        for (int due = tasks.size(); due > 0; due--) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            ran = true;
            task.run();
        }
        if (!ran) {
            timer.stop();
            armed.set(false);
            // A task that came between the poll and the flag found the timer still armed: start it again.
            if (!tasks.isEmpty() && armed.compareAndSet(false, true)) {
                timer.start();
            }
        }
    }
}

package app.belfry.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one hand-over point from the socket's thread to the store's: events are queued as they come, and one task
 * on the store's thread takes everything that arrived since its last run. A burst of 10,000 notifications costs a
 * handful of tasks, not 10,000.
 */
final class Inbox<T> {

    /**
     * Two milliseconds: while events come at a human pace (even a thousand a second) the store applies each at once;
     * in a flood (more than {@link #FLOOD_GAP_NANOS} apart on average) runs are spaced by at least this much, so
     * that each takes a batch and the list changes a few hundred times a second at most.
     */
    static final long DEFAULT_MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /**
     * The most one run takes; the rest waits for the next run, scheduled at once. On an executor that runs once per
     * frame this bounds the store's work per frame after a stall (a backlog of 25,000 used to be applied in one
     * frame of half a second); it is still 240,000 a second at 60 frames a second, several times a flood's rate.
     */
    static final int MAX_RUN = 4_000;

    /** Events closer than this on average (over the last few) are a flood: 2,000 a second or more. */
    static final long FLOOD_GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "belfry-inbox-timer");
        thread.setDaemon(true);
        return thread;
    });

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor storeThread;
    private final long minIntervalNanos;
    private final Consumer<List<T>> apply;
    private volatile long lastDrain = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    /** A moving average of the time between posts; guarded by {@code this} (the socket posts from two threads). */
    private long averageGap = TimeUnit.SECONDS.toNanos(1);
    private long lastPost;

    /**
     * @param minIntervalNanos the least time between two runs: when events come faster than this, they wait for the
     *     next run instead of each starting one, which bounds the store's list changes under a flood
     */
    Inbox(Executor storeThread, long minIntervalNanos, Consumer<List<T>> apply) {
        this.storeThread = storeThread;
        this.minIntervalNanos = minIntervalNanos;
        this.apply = apply;
    }

    /** Any thread. */
    void post(T event) {
        long now = System.nanoTime();
        boolean flood;
        synchronized (this) {
            averageGap = averageGap - averageGap / 8 + Math.min(now - lastPost, TimeUnit.SECONDS.toNanos(1)) / 8;
            lastPost = now;
            flood = averageGap < FLOOD_GAP_NANOS;
        }
        queue.add(event);
        if (scheduled.compareAndSet(false, true)) {
            long wait = flood ? lastDrain + minIntervalNanos - now : 0;
            if (wait <= 0) {
                storeThread.execute(this::drain);
            } else {
                TIMER.schedule(() -> storeThread.execute(this::drain), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Store thread: drops the queued events that match, before any run applies them. */
    void discardIf(java.util.function.Predicate<? super T> unwanted) {
        queue.removeIf(unwanted);
    }

    private void drain() {
        lastDrain = System.nanoTime();
        // Clear the flag before taking: an event posted after this point schedules another run, so none is lost.
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T event; batch.size() < MAX_RUN && (event = queue.poll()) != null; ) {
            batch.add(event);
        }
        if (batch.size() == MAX_RUN && !queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            storeThread.execute(this::drain); // the rest, in the next run
        }
        if (!batch.isEmpty()) {
            apply.accept(batch);
        }
    }
}

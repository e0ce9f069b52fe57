package app.belfry.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one hand-over point from the socket's thread to the store's: events are queued as they come, and one task
 * on the store's thread takes everything that arrived since its last run. A burst of 10,000 notifications costs a
 * handful of tasks, not 10,000.
 */
final class Inbox<T> {

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor storeThread;
    private final Consumer<List<T>> apply;

    Inbox(Executor storeThread, Consumer<List<T>> apply) {
        this.storeThread = storeThread;
        this.apply = apply;
    }

    /** Any thread. */
    void post(T event) {
        queue.add(event);
        if (scheduled.compareAndSet(false, true)) {
            storeThread.execute(this::drain);
        }
    }

    private void drain() {
        // Clear the flag before taking: an event posted after this point schedules another run, so none is lost.
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T event; (event = queue.poll()) != null; ) {
            batch.add(event);
        }
        if (!batch.isEmpty()) {
            apply.accept(batch);
        }
    }
}

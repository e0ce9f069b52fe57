package app.belfry.persist;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes Belfry's files off the FX thread, all of them on one thread, {@value #THREAD_NAME}: writes of one file
 * never overlap, run in the order they were asked for, and the latest write asked for a key is the one that lands
 * last. A write waiting to run is replaced by a later one for the same key.
 *
 * <p>{@link #schedule} is debounced (a burst of changes to a key is one write, a short while after the first);
 * {@link #writeSoon} and {@link #writeNow} run as soon as the thread is free; {@link #flush} writes everything
 * waiting and waits for it. {@link #close} flushes and stops the thread; after it, {@code schedule} is ignored and
 * {@code writeSoon}, {@code writeNow} and {@code flush} write on the caller's thread, so that nothing is lost at
 * the very end. Waiting is bounded (10 s): past that, a warning is logged and the wait returns false. A write
 * that fails is logged (it never reaches the caller), and the wait says false.
 *
 * <p>A write that itself calls {@code flush} or {@code writeNow} (on the thread) has them run there and then,
 * inside it, rather than wait for itself.
 */
public final class PersistWorker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PersistWorker.class.getName());

    /** The name of the one thread that writes. */
    public static final String THREAD_NAME = "belfry-persist";

    /** How long {@link #flush}, {@link #writeNow} and {@link #close} wait at most. */
    static final long WAIT_SECONDS = 10;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(WAIT_SECONDS);

    /** A write to do: takes nothing, may fail. */
    @FunctionalInterface
    public interface Write {
        void run() throws Exception;
    }

    /** A key's write waiting to run (the latest asked for), and the futures of those waiting for it. */
    private static final class Pending {
        final String key;
        Write write;
        /** Runs as soon as the thread is free: a task for it is queued already. */
        boolean due;
        final List<CompletableFuture<Boolean>> waiting = new ArrayList<>();

        Pending(String key, Write write) {
            this.key = key;
            this.write = write;
        }
    }

    private final long debounceMillis;
    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread worker;
    /** Held by whoever runs a write, so that two never overlap: the thread, or a caller once it has stopped. */
    private final ReentrantLock running = new ReentrantLock();
    private final Map<String, Pending> pending = new LinkedHashMap<>(); // guarded by this
    private boolean closed; // guarded by this: schedule is ignored
    private boolean stopped; // guarded by this: the thread takes no more work; callers write themselves

    public PersistWorker(long debounceMillis) {
        this(debounceMillis, THREAD_NAME);
    }

    /** A worker on a thread of another name (the keychain's, whose calls may be slow, has one of its own). */
    public PersistWorker(long debounceMillis, String threadName) {
        this.debounceMillis = debounceMillis;
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true); // the app's orderly shutdown closes (flushes) explicitly
            worker = t;
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close writes those itself
    }

    /**
     * Any thread: writes {@code debounceMillis} after the first of a burst; the latest write for a key replaces an
     * earlier one that has not run yet. Ignored once closed.
     */
    public void schedule(String key, Write write) {
        synchronized (this) {
            if (closed) {
                return;
            }
            Pending entry = pending.get(key);
            if (entry != null) {
                entry.write = write; // runs when the earlier one would have (at once, if that was due)
                return;
            }
            Pending fresh = new Pending(key, write);
            pending.put(key, fresh);
            executor.schedule(() -> runOnWorker(fresh), debounceMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Any thread, never blocks: replaces any write of this key waiting to run, and writes on the thread as soon as
     * it is free. The future completes with true once this write (or a later one for the key, which replaced it)
     * has been written, false when it failed; it never completes exceptionally. After {@link #close}, writes on
     * the caller's thread before it returns.
     */
    public CompletableFuture<Boolean> writeSoon(String key, Write write) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (enqueue(key, write, done)) {
            runInline(key, done, deadline());
        }
        return done;
    }

    /**
     * Any thread: replaces any write of this key waiting to run, writes on the thread as soon as it is free (no
     * debounce), and returns once written (this write, or a later one for the key that replaced it before it ran).
     * On the thread itself (a write that writes), and after {@link #close}, writes on the caller's thread.
     *
     * @return true when written; false when the write failed (logged) or did not run within the bound
     */
    public boolean writeNow(String key, Write write) {
        long deadline = deadline();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (enqueue(key, write, done) || onWorker()) {
            runInline(key, done, deadline);
        }
        return await(done, "writing " + key, deadline);
    }

    /**
     * Any thread: writes everything waiting, on the thread, and returns once it is written (and once a write
     * already under way has finished). On the thread itself, and after {@link #close}, writes on the caller's.
     *
     * @return true when everything waiting was written; false when a write failed (logged) or the bound passed
     */
    public boolean flush() {
        return flush(deadline());
    }

    private boolean flush(long deadline) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        boolean inline;
        synchronized (this) {
            inline = stopped || onWorker();
            if (!inline) {
                executor.execute(() -> {
                    boolean ok = false;
                    try {
                        ok = drain();
                    } finally {
                        done.complete(ok);
                    }
                });
            }
        }
        if (inline) {
            return drainInline(deadline);
        }
        return await(done, "writing what is pending", deadline);
    }

    /**
     * Writes everything waiting and stops the thread, within the bound; later writes happen on their callers'
     * threads.
     */
    @Override
    public void close() {
        long deadline = deadline();
        synchronized (this) {
            closed = true;
        }
        flush(deadline);
        synchronized (this) {
            stopped = true;
            executor.shutdown(); // what was queued before this still runs; delayed tasks are dropped
        }
        if (!onWorker()) {
            try {
                if (!executor.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
                    LOG.log(Level.WARNING, "A write did not finish within {0} s; Belfry goes on without it",
                            WAIT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drainInline(deadline); // whatever was asked between the flush and the stop
    }

    /**
     * Records the write as the key's latest, with its waiter; queues it on the thread unless the thread has
     * stopped, which it says (true: the caller must run it).
     */
    private synchronized boolean enqueue(String key, Write write, CompletableFuture<Boolean> done) {
        Pending entry = pending.get(key);
        if (entry == null) {
            entry = new Pending(key, write);
            pending.put(key, entry);
        } else {
            entry.write = write;
        }
        entry.waiting.add(done);
        if (stopped) {
            return true;
        }
        if (!entry.due) {
            entry.due = true;
            Pending queued = entry;
            executor.execute(() -> runOnWorker(queued));
        }
        return false;
    }

    private boolean onWorker() {
        return Thread.currentThread() == worker;
    }

    /** On the thread: the entry's write, unless it ran (or was replaced by a later entry) meanwhile. */
    private void runOnWorker(Pending entry) {
        running.lock();
        try {
            synchronized (this) {
                if (pending.get(entry.key) != entry) {
                    return; // already written, by a flush or by a caller
                }
                pending.remove(entry.key);
            }
            run(entry);
        } finally {
            running.unlock();
        }
    }

    /** On the thread: everything waiting when the flush began (in its latest version), in order. */
    private boolean drain() {
        List<String> keys;
        synchronized (this) {
            keys = new ArrayList<>(pending.keySet());
        }
        boolean ok = true;
        running.lock();
        try {
            for (String key : keys) {
                Pending entry;
                synchronized (this) {
                    entry = pending.remove(key);
                }
                if (entry != null) {
                    ok &= run(entry);
                }
            }
        } finally {
            running.unlock();
        }
        return ok;
    }

    /** On the caller (the thread itself, or any once it stopped): the key's write, now. */
    private void runInline(String key, CompletableFuture<Boolean> done, long deadline) {
        if (!lockInline(deadline)) {
            done.complete(false);
            return;
        }
        try {
            Pending entry;
            synchronized (this) {
                entry = pending.remove(key);
            }
            if (entry != null) {
                run(entry);
            }
        } finally {
            running.unlock();
        }
    }

    /** On the caller (the thread itself, or any once it stopped): everything waiting, now. */
    private boolean drainInline(long deadline) {
        if (!lockInline(deadline)) {
            return false;
        }
        try {
            return drain();
        } finally {
            running.unlock();
        }
    }

    /** The right to write, for a caller: at once on the thread itself (it holds it), else within the bound. */
    private boolean lockInline(long deadline) {
        try {
            if (running.tryLock(remaining(deadline), TimeUnit.NANOSECONDS)) {
                return true;
            }
            LOG.log(Level.WARNING, "A write did not finish within {0} s; gave up writing after it", WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "Interrupted while waiting to write");
        }
        return false;
    }

    /** Runs one write (the running lock held) and tells those waiting for it; a failure is logged. */
    private boolean run(Pending entry) {
        List<CompletableFuture<Boolean>> waiting;
        Write write;
        synchronized (this) {
            waiting = List.copyOf(entry.waiting);
            write = entry.write;
        }
        boolean ok = false;
        try {
            write.run();
            ok = true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not save " + entry.key + ": " + e.getMessage(), e);
        } finally {
            for (CompletableFuture<Boolean> done : waiting) {
                done.complete(ok);
            }
        }
        return ok;
    }

    private static long deadline() {
        return System.nanoTime() + WAIT_NANOS;
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static boolean await(CompletableFuture<Boolean> done, String what, long deadline) {
        try {
            return done.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "Gave up waiting for " + what + " after " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "Interrupted while waiting for " + what);
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Could not finish " + what, e.getCause());
        }
        return false;
    }
}

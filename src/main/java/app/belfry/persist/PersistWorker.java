package app.belfry.persist;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes files off the FX thread, debounced: a burst of changes to one file is one write, a short while after the
 * last. {@link #close} writes whatever is still pending before it returns.
 */
public final class PersistWorker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PersistWorker.class.getName());

    /** A write to do: takes nothing, may fail. */
    @FunctionalInterface
    public interface Write {
        void run() throws Exception;
    }

    private final long debounceMillis;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "belfry-persist");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Write> pending = new LinkedHashMap<>(); // guarded by this
    private boolean closed;

    public PersistWorker(long debounceMillis) {
        this.debounceMillis = debounceMillis;
    }

    /** Any thread. The latest write for a key replaces an earlier one that has not run yet. */
    public void schedule(String key, Write write) {
        synchronized (this) {
            if (closed) {
                return;
            }
            boolean first = pending.put(key, write) == null;
            if (!first) {
                return;
            }
        }
        thread.schedule(() -> runPending(key), debounceMillis, TimeUnit.MILLISECONDS);
    }

    private void runPending(String key) {
        Write write;
        synchronized (this) {
            write = pending.remove(key);
        }
        if (write != null) {
            try {
                write.run();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Could not save " + key + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes everything still pending, now, on the caller's thread (files are small). */
    public void flush() {
        Map<String, Write> left;
        synchronized (this) {
            left = new LinkedHashMap<>(pending);
            pending.clear();
        }
        left.forEach((key, write) -> {
            try {
                write.run();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Could not save " + key + ": " + e.getMessage(), e);
            }
        });
    }

    /** Writes everything still pending, now, and stops. */
    @Override
    public void close() {
        Map<String, Write> left;
        synchronized (this) {
            closed = true;
            left = new LinkedHashMap<>(pending);
            pending.clear();
        }
        ExecutorService worker = thread;
        worker.shutdown(); // delayed writes still run (the default policy); a write under way finishes
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        left.forEach((key, write) -> {
            try {
                write.run();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Could not save " + key + ": " + e.getMessage(), e);
            }
        });
    }
}

package app.belfry.testing;

import app.belfry.store.NotificationStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;

/**
 * The store's thread in tests: a single-thread executor, as in headless mode. Reads and commands run on it;
 * {@link #await} waits for a condition by listening to the store's observables, never by sleeping.
 */
public final class StoreThread implements AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "test-store");
        thread.setDaemon(true);
        return thread;
    });

    public java.util.concurrent.Executor executor() {
        return executor;
    }

    /** Runs {@code read} on the store's thread and returns its result. */
    public <T> T call(NotificationStore store, Function<NotificationStore, T> read) {
        try {
            return CompletableFuture.supplyAsync(() -> read.apply(store), executor).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the store's thread did not answer", e);
        }
    }

    /** Runs a command on the store's thread and waits until it has run. */
    public void run(NotificationStore store, Consumer<NotificationStore> command) {
        call(store, s -> {
            command.accept(s);
            return null;
        });
    }

    /**
     * Waits until {@code condition} holds, checking it on the store's thread whenever the store's list or any of
     * its properties changes. Fails with {@code description} after the timeout.
     */
    public void await(NotificationStore store, String description, Duration timeout,
            Predicate<NotificationStore> condition) {
        CompletableFuture<Void> met = new CompletableFuture<>();
        Observable[] watched = {store.notifications(), store.unreadCountProperty(), store.statusProperty(),
                store.errorProperty(), store.authRequiredProperty(), store.connectedProperty()};
        InvalidationListener check = o -> {
            if (!met.isDone() && condition.test(store)) {
                met.complete(null);
            }
        };
        executor.execute(() -> {
            for (Observable o : watched) {
                o.addListener(check);
            }
            check.invalidated(null);
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    // Listening catches changes of the store; the re-check every 25 ms catches conditions that also
                    // read other things (a server's counters, a listener that runs after ours).
                    met.get(25, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException again) {
                    if (System.nanoTime() > deadline) {
                        throw again;
                    }
                    executor.execute(() -> check.invalidated(null));
                }
            }
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + timeout + " waiting until " + description + "; store: "
                    + describe(store));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            executor.execute(() -> {
                for (Observable o : watched) {
                    o.removeListener(check);
                }
            });
        }
    }

    public void await(NotificationStore store, String description, Predicate<NotificationStore> condition) {
        await(store, description, Duration.ofSeconds(20), condition);
    }

    /**
     * Checks that {@code condition} holds now and keeps holding for {@code period}, on the store's thread whenever
     * the store changes; fails as soon as it does not. For "nothing bad happens" checks, bounded by a timeout.
     */
    public void assertStays(NotificationStore store, String description, Duration period,
            Predicate<NotificationStore> condition) {
        CompletableFuture<Void> broken = new CompletableFuture<>();
        Observable[] watched = {store.notifications(), store.unreadCountProperty(), store.statusProperty(),
                store.errorProperty(), store.authRequiredProperty(), store.connectedProperty()};
        InvalidationListener check = o -> {
            if (!broken.isDone() && !condition.test(store)) {
                broken.complete(null);
            }
        };
        executor.execute(() -> {
            for (Observable o : watched) {
                o.addListener(check);
            }
            check.invalidated(null);
        });
        try {
            broken.get(period.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected that " + description + " for " + period + ", but it stopped; store: "
                    + describe(store));
        } catch (TimeoutException e) {
            // held throughout
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            executor.execute(() -> {
                for (Observable o : watched) {
                    o.removeListener(check);
                }
            });
        }
    }

    private String describe(NotificationStore store) {
        return call(store, s -> "status=" + s.statusProperty().get() + ", size=" + s.notifications().size()
                + ", unread=" + s.unreadCount() + ", error=" + s.errorProperty().get());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

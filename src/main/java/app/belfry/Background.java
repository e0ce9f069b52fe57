package app.belfry;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Belfry's one executor for blocking work off the store's thread: signing in and out over HTTP, the keychain,
 * reading kept files, closing a socket, starting the demo's backend, bringing up the tray and D-Bus. Threads
 * {@code belfry-background-N}, daemons, made as needed and gone after a minute idle. Tests give the session's
 * lifecycle a synchronous executor instead.
 */
final class Background implements Executor {

    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread thread = new Thread(r, "belfry-background-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }
}

package app.belfry;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * SIGTERM (what the OS sends at log-out and shutdown), SIGINT (Ctrl+C) and SIGHUP (the terminal went away) end
 * Belfry in order, as Quit does, instead of the JVM's own way: that runs the shutdown hooks at once, which tear down
 * Glass and AWT under a running FX thread (a crash in GTK's loop) and cut short what is still being written.
 *
 * <p>The orderly end has {@link #LIMIT_MILLIS}; if it is not done by then, or a second signal comes, the process is
 * halted (everything a user did is on disk already: reads are written before the click returns).
 */
final class ShutdownSignals {

    private static final System.Logger LOG = System.getLogger(ShutdownSignals.class.getName());
    static final long LIMIT_MILLIS = 1_800;

    private ShutdownSignals() {
    }

    /** What a signal ends: nothing opened yet at first (then the process just ends). */
    private static final AtomicReference<Runnable> END = new AtomicReference<>(() -> Runtime.getRuntime().halt(0));

    /**
     * Handles the three signals (where the OS has them, and was not told to ignore them) from now on: called first
     * thing in {@code main}, so that no signal finds the JVM's own handling.
     */
    static void install() {
        AtomicBoolean requested = new AtomicBoolean();
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                Signal signal = new Signal(name);
                Signal.handle(signal, received -> {
                    if (!requested.compareAndSet(false, true)) {
                        LOG.log(Level.WARNING, "SIG{0} again while ending: ending now", received.getName());
                        Runtime.getRuntime().halt(0);
                    }
                    LOG.log(Level.INFO, "SIG{0}: ending", received.getName());
                    watchdog();
                    END.get().run();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not a signal on this OS (Windows has no SIGHUP), or one the JVM keeps for itself.
            }
        }
    }

    /** From now on a signal ends Belfry with {@code orderlyEnd} (any thread; it hands the work on). */
    static void endWith(Runnable orderlyEnd) {
        END.set(orderlyEnd);
    }

    private static void watchdog() {
        Thread thread = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(LIMIT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            LOG.log(Level.WARNING, "The orderly end took over {0} ms: ending now", LIMIT_MILLIS);
            Runtime.getRuntime().halt(0);
        }, "belfry-shutdown-watchdog");
        thread.setDaemon(true);
        thread.start();
    }
}

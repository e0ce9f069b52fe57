package app.belfry.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * For the one kind of check that has no event to wait for: that something does NOT happen within a window
 * (no reconnection loop, no second event). It samples the condition through the window and fails at once when it
 * breaks. Not for synchronisation: to wait for something to happen, await it.
 */
public final class Quiet {

    private Quiet() {
    }

    public static void holdsFor(Duration window, String description, BooleanSupplier condition) {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + description);
            }
            LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("no longer true: " + description);
        }
    }
}

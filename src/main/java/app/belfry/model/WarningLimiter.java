package app.belfry.model;

import java.time.Clock;

/**
 * Lets at most {@link #MAX_PER_WINDOW} warnings through per rolling {@link #WINDOW_MILLIS}, so that a broken
 * server flooding bad payloads cannot flood the log too. Counts what it holds back, so that the next warning let
 * through can say how many were suppressed.
 */
final class WarningLimiter {

    static final int MAX_PER_WINDOW = 20;
    static final long WINDOW_MILLIS = 60_000;

    /** Returned by {@link #tryAcquire} when the warning must not be logged. */
    static final long DENIED = -1;

    private final Clock clock;
    /** When the last warnings let through were logged: a ring, {@code next} is the oldest once it is full. */
    private final long[] loggedAt = new long[MAX_PER_WINDOW];
    private int next;
    private int count;
    private long suppressed;

    WarningLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Asks to log one warning: {@link #DENIED} when the window is full (the warning is counted as suppressed),
     * otherwise how many were suppressed since the last one let through.
     */
    synchronized long tryAcquire() {
        long now = clock.millis();
        if (count == MAX_PER_WINDOW) {
            long oldest = loggedAt[next];
            // A clock set back must not silence the log for the length of the jump.
            if (now - oldest < WINDOW_MILLIS && now >= oldest) {
                suppressed++;
                return DENIED;
            }
        } else {
            count++;
        }
        loggedAt[next] = now;
        next = (next + 1) % MAX_PER_WINDOW;
        long held = suppressed;
        suppressed = 0;
        return held;
    }
}

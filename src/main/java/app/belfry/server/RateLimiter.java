package app.belfry.server;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * A rolling-window limit: at most {@code limit} events in any {@code windowNanos}. One per connection; its methods
 * are synchronized because a connection's events may arrive on more than one netty thread (polling).
 */
final class RateLimiter {

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Long> accepted = new ArrayDeque<>();

    RateLimiter(int limit, long windowNanos, LongSupplier nanoClock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
    }

    /** Counts one event and says whether it is within the limit. A refused event does not count. */
    synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        while (!accepted.isEmpty() && now - accepted.peekFirst() >= windowNanos) {
            accepted.pollFirst();
        }
        if (accepted.size() >= limit) {
            return false;
        }
        accepted.addLast(now);
        return true;
    }
}

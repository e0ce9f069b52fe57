package app.belfry.net;

import java.util.ArrayDeque;

/**
 * Keeps a connection's outgoing events under the server's rolling-window rate limit. Pure: the caller passes the
 * time, so it is tested without waiting. Not thread-safe; the outbox uses it on the socket's event thread.
 *
 * <p>It plans with a margin under the limit, and once half the budget is used it spaces events evenly instead of
 * sending the rest in one burst: the server counts from when events arrive, and a burst that leaves late (behind
 * other traffic) could land in the same server window as the next one. A few clicks still go at once.
 */
final class Pacer {

    private final int budget;
    private final long windowNanos;
    private final long spacingNanos;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();

    /**
     * @param limit the server's limit per window
     * @param windowNanos the server's window
     */
    Pacer(int limit, long windowNanos) {
        // Two events and 5% of the window to spare, but never a budget below one.
        this.budget = Math.max(1, limit - Math.max(2, limit / 50));
        // 5% of the window, and at least a quarter second: network jitter is absolute, not proportional.
        this.windowNanos = windowNanos + Math.max(windowNanos / 20, 250_000_000L);
        this.spacingNanos = this.windowNanos / budget;
    }

    /** Nanoseconds to wait before the next event may go; 0 when it may go now. */
    long delayNanos(long now) {
        forgetOld(now);
        if (sent.size() >= budget) {
            return Math.max(1, sent.peekFirst() + windowNanos - now);
        }
        if (sent.size() >= budget / 2) {
            return Math.max(0, sent.peekLast() + spacingNanos - now);
        }
        return 0;
    }

    /** Counts an event sent at {@code now}. */
    void record(long now) {
        sent.addLast(now);
    }

    /** The server refused an event for the rate: send nothing for a whole window. */
    void backOff(long now) {
        sent.clear();
        for (int i = 0; i < budget; i++) {
            sent.addLast(now);
        }
    }

    /** A new connection starts a new window on the server. */
    void reset() {
        sent.clear();
    }

    int budget() {
        return budget;
    }

    private void forgetOld(long now) {
        while (!sent.isEmpty() && now - sent.peekFirst() >= windowNanos) {
            sent.pollFirst();
        }
    }
}

package app.belfry.net;

import java.util.ArrayDeque;

/**
 * Keeps a connection's outgoing events under the server's rolling-window rate limit. Pure: the caller passes the
 * time, so it is tested without waiting. Not thread-safe; the outbox uses it on the socket's event thread.
 *
 * <p>It plans with a small margin under the limit (the server counts from when events arrive, which may bunch
 * up in transit), so a well-paced client never draws RATE_LIMITED.
 */
final class Pacer {

    private final int budget;
    private final long windowNanos;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();

    /**
     * @param limit the server's limit per window
     * @param windowNanos the server's window
     */
    Pacer(int limit, long windowNanos) {
        // Two events and 5% of the window to spare, but never a budget below one.
        this.budget = Math.max(1, limit - Math.max(2, limit / 50));
        this.windowNanos = windowNanos + windowNanos / 20;
    }

    /** Nanoseconds to wait before the next event may go; 0 when it may go now. */
    long delayNanos(long now) {
        forgetOld(now);
        if (sent.size() < budget) {
            return 0;
        }
        return Math.max(1, sent.peekFirst() + windowNanos - now);
    }

    /** Counts an event sent at {@code now}. */
    void record(long now) {
        sent.addLast(now);
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

package app.belfry.net;

import io.socket.thread.EventThread;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;

/**
 * Keeps socket.io-client's event thread alive while a connection is open.
 *
 * <p>socket.io-client-java 2.1.2 shuts its single event thread down whenever its queue runs empty and starts a new
 * one for the next task: at a steady 1,000 events a second that is a new thread per event (the ingest benchmark
 * saw thousands), which costs a thread start on every notification and made latency spiky (p50 0.22 ms, max 14 ms;
 * with the thread kept: p50 0.11 ms, max 5 ms). The library decides by a count of pending tasks; while a
 * connection is open this holds one phantom task in that count, and gives it back on close, after which the thread
 * ends as before (so closing Belfry still ends the JVM).
 *
 * <p>This reaches into a private field of a pinned library version. If the field is not there, it does nothing
 * and says so once: everything still works, only slower.
 */
final class EventThreadKeeper {

    private static final System.Logger LOG = System.getLogger(EventThreadKeeper.class.getName());
    private static final Field COUNTER = counterField();
    private static int holders; // guarded by EventThread.class, like the library's counter

    private EventThreadKeeper() {
    }

    private static Field counterField() {
        try {
            Field field = EventThread.class.getDeclaredField("counter");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "Cannot keep socket.io's event thread alive ({0}); it restarts per task", e.toString());
            return null;
        }
    }

    /** A connection opened: keep the thread. */
    static void acquire() {
        if (COUNTER == null) {
            return;
        }
        synchronized (EventThread.class) {
            try {
                if (holders++ == 0) {
                    COUNTER.setInt(null, COUNTER.getInt(null) + 1);
                }
            } catch (IllegalAccessException e) {
                holders--;
            }
        }
    }

    /** A connection closed: when it was the last, let the thread end once it is idle. */
    static void release() {
        if (COUNTER == null) {
            return;
        }
        synchronized (EventThread.class) {
            if (holders == 0 || --holders > 0) {
                return;
            }
            try {
                COUNTER.setInt(null, COUNTER.getInt(null) - 1);
            } catch (IllegalAccessException e) {
                return;
            }
        }
        // A task that finds the count at zero after it shuts the idle thread down, as the library would have.
        EventThread.nextTick(() -> { });
    }
}

package app.belfry.net;

import io.socket.client.Manager;
import io.socket.emitter.Emitter;
import io.socket.engineio.client.Socket;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Stops engine.io-client from re-arming its ping timeout on every packet.
 *
 * <p>engine.io-client-java 2.1.0 cancels and schedules its ping-timeout task on a ScheduledExecutorService for
 * every packet it receives. A cancelled task stays in the executor's queue until its deadline (ping interval plus
 * ping timeout, 45 s by default), so a flood of 50,000 notifications left 50,000 dead tasks (about 190 bytes each)
 * in the heap for 45 s, and at some 30,000 notifications a second sustained it would fill Belfry's 256 MB heap.
 * Here the engine's heartbeat listener is wrapped so that it runs at most every 100 ms (at most 450 dead tasks):
 * the timeout is then armed at most 100 ms early.
 *
 * <p>The manager keeps its engine in a package-private field of a pinned library version. If the field is not
 * there, this does nothing and says so once: everything still works, only with the library's cost.
 */
final class HeartbeatThrottle {

    private static final System.Logger LOG = System.getLogger(HeartbeatThrottle.class.getName());
    private static final Field ENGINE = engineField();
    /**
     * A heartbeat that comes sooner after the last one passed is dropped, not deferred, so the timeout is armed up
     * to this much early: harmless while the server's ping timeout is longer (socket.io's default is 20 s).
     */
    static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private HeartbeatThrottle() {
    }

    private static Field engineField() {
        try {
            Field field = Manager.class.getDeclaredField("engine");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "Cannot throttle engine.io's heartbeat ({0}); it re-arms on every packet", e.toString());
            return null;
        }
    }

    /**
     * Wraps the heartbeat listeners of the manager's current engine; on socket.io's event thread, once the engine
     * is open (its listener is registered after the handshake). Wrapping twice is harmless: a wrapper is not
     * wrapped again.
     */
    static void install(Manager manager) {
        Socket engine = engineOf(manager);
        if (engine != null) {
            wrap(engine, System::nanoTime);
        }
    }

    /** Whether the manager's current engine has its heartbeat throttled (for tests of the pinned library). */
    static boolean isInstalled(Manager manager) {
        Socket engine = engineOf(manager);
        return engine != null && isWrapped(engine);
    }

    static void wrap(Emitter engine, LongSupplier clock) {
        List<Emitter.Listener> listeners = engine.listeners(Socket.EVENT_HEARTBEAT);
        if (listeners.isEmpty() || isWrapped(engine)) {
            return;
        }
        engine.off(Socket.EVENT_HEARTBEAT);
        for (Emitter.Listener listener : listeners) {
            engine.on(Socket.EVENT_HEARTBEAT, listener instanceof Throttled ? listener : new Throttled(listener, clock));
        }
    }

    private static boolean isWrapped(Emitter engine) {
        List<Emitter.Listener> listeners = engine.listeners(Socket.EVENT_HEARTBEAT);
        return !listeners.isEmpty() && listeners.stream().allMatch(Throttled.class::isInstance);
    }

    private static Socket engineOf(Manager manager) {
        if (ENGINE == null || manager == null) {
            return null;
        }
        try {
            return (Socket) ENGINE.get(manager);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** Passes a heartbeat on when the last one it passed is at least a second old. */
    private static final class Throttled implements Emitter.Listener {

        private final Emitter.Listener heartbeat;
        private final LongSupplier clock;
        private long lastPassed;

        /** The engine has just armed its timeout when this is made, so the first pass is a second away. */
        Throttled(Emitter.Listener heartbeat, LongSupplier clock) {
            this.heartbeat = heartbeat;
            this.clock = clock;
            this.lastPassed = clock.getAsLong();
        }

        @Override
        public void call(Object... args) {
            long now = clock.getAsLong();
            if (now - lastPassed >= MIN_INTERVAL_NANOS) {
                lastPassed = now;
                heartbeat.call(args);
            }
        }
    }
}

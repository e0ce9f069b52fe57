package app.belfry;

import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.util.Set;

/**
 * Lets JavaFX's pulse timer sleep while nothing on screen changes. JavaFX runs its pulse (animations, CSS, layout,
 * rendering) on a timer, 60 times a second. Once no animation has run and no pulse has been asked for during 250 ms,
 * it pauses that timer, and it resumes it when a node changes or an animation starts. On macOS the pause stops the
 * timer; Glass's timers on Linux (GTK) and on Monocle ignore it, so there the FX thread wakes 60 times a second for
 * good, in an idle window too. This puts a timer of Belfry's in the toolkit's hands that does what the pause asks:
 * it stops the platform's timer, and starts it again on resume.
 *
 * <p>It reaches into the toolkit (the pulse timer is a private field of Quantum's): the installed app opens the
 * packages concerned (packaging/jpackage-app.txt). Where they are closed, or the toolkit is not the one expected,
 * nothing changes and the timer ticks as before, with one line in the log. Windows' timer is left alone: stopping it
 * from its own callback, where the pause comes from, is not safe there.
 */
final class IdlePulses {

    private static final System.Logger LOG = System.getLogger(IdlePulses.class.getName());

    /** The platform timers whose pause does nothing, and which may be stopped from their own callback. */
    private static final Set<String> IGNORING_PAUSE = Set.of("com.sun.glass.ui.gtk.GtkTimer",
            "com.sun.glass.ui.monocle.MonocleTimer");

    private IdlePulses() {
    }

    /** FX thread, the toolkit running. Once is enough; again changes nothing. */
    static void install() {
        try {
            Object toolkit = Class.forName("com.sun.javafx.tk.Toolkit").getMethod("getToolkit").invoke(null);
            Field pulseTimer = toolkit.getClass().getDeclaredField("pulseTimer");
            pulseTimer.setAccessible(true);
            Object timer = pulseTimer.get(toolkit);
            if (timer == null || !IGNORING_PAUSE.contains(timer.getClass().getName())) {
                return; // a platform whose timer pauses, or one not to touch, or this has been done already
            }
            Field period = com.sun.glass.ui.Timer.class.getDeclaredField("period");
            period.setAccessible(true);
            double millis = period.getDouble(timer);
            if (millis < 1) {
                LOG.log(Level.INFO, "JavaFX''s pulse timer is not a plain periodic one ({0}): it ticks while idle",
                        millis);
                return;
            }
            pulseTimer.set(toolkit, SleepingTimer.around((com.sun.glass.ui.Timer) timer, (int) millis));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "JavaFX''s pulse timer ticks while idle: {0}", e.toString());
        }
    }

    /**
     * The toolkit's pulse timer, in front of the platform's: a pause stops the platform's timer, a resume starts it
     * again. It runs nothing itself: the platform's timer keeps running the toolkit's task.
     */
    static final class SleepingTimer extends com.sun.glass.ui.Timer {

        private final com.sun.glass.ui.Timer platform;
        private final int period;
        private boolean asleep; // guarded by this, as Timer's own methods are

        private SleepingTimer(com.sun.glass.ui.Timer platform, int period) {
            super(() -> { });
            this.platform = platform;
            this.period = period;
        }

        /** Takes over the platform's timer, which runs already. */
        static SleepingTimer around(com.sun.glass.ui.Timer platform, int period) {
            SleepingTimer timer = new SleepingTimer(platform, period);
            timer.start(period);
            return timer;
        }

        /** Whether the platform's timer is stopped for a pause. */
        synchronized boolean asleep() {
            return asleep;
        }

        @Override
        protected long _start(Runnable runnable) {
            throw new UnsupportedOperationException("a timer on the display's refresh is the platform's own");
        }

        @Override
        protected long _start(Runnable runnable, int ignored) {
            if (!platform.isRunning()) {
                platform.start(period);
            }
            return 1; // Timer wants a handle other than 0; the platform's timer keeps its own
        }

        @Override
        protected void _stop(long handle) {
            platform.stop();
        }

        @Override
        protected void _pause(long handle) {
            if (!asleep) {
                asleep = true;
                platform.stop();
            }
        }

        @Override
        protected void _resume(long handle) {
            if (asleep) {
                asleep = false;
                platform.start(period);
            }
        }
    }
}

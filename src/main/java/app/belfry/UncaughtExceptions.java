package app.belfry;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Where an exception that no code caught ends: the JavaFX thread's listeners, a background thread. Never silent,
 * never a flood: the first exception of a kind (its class and where it was thrown) is logged in full; repeats are
 * counted and reported in one line per kind at most once a {@link #REPORT_INTERVAL}, and the count still open when
 * Belfry ends is reported then ({@link #reportRepeats}).
 */
public final class UncaughtExceptions implements Thread.UncaughtExceptionHandler {

    private static final System.Logger LOG = System.getLogger(UncaughtExceptions.class.getName());
    static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);
    /** Kinds remembered; beyond this, new kinds are logged in full once more each (a bug would have to be odd). */
    private static final int MAX_KINDS = 64;
    /** Stack frames that make a kind, beside the class: enough to tell two bugs apart, few enough for a varying tail. */
    private static final int FRAMES_IN_KIND = 3;

    private static final UncaughtExceptions INSTALLED = new UncaughtExceptions(LOG, System::nanoTime);

    private final System.Logger log;
    private final LongSupplier nanoClock;
    private final Map<String, Repeats> kinds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Repeats> eldest) {
            return size() > MAX_KINDS;
        }
    };

    private static final class Repeats {
        final String description;
        long lastReportNanos;
        long unreported;

        Repeats(String description, long now) {
            this.description = description;
            this.lastReportNanos = now;
        }
    }

    UncaughtExceptions(System.Logger log, LongSupplier nanoClock) {
        this.log = Objects.requireNonNull(log);
        this.nanoClock = Objects.requireNonNull(nanoClock);
    }

    /**
     * Makes the process's handler the default one, for every thread without a handler of its own: the JavaFX thread
     * hands an exception thrown in a listener or a handler to its thread's handler, which falls back to this one.
     */
    public static UncaughtExceptions install() {
        Thread.setDefaultUncaughtExceptionHandler(INSTALLED);
        return INSTALLED;
    }

    /**
     * Makes the process's handler the current thread's, unless it has one of its own: the FX thread, when Belfry is
     * opened from a QA test's {@code @Start} instead of its launcher.
     */
    public static void installOnCurrentThread() {
        Thread thread = Thread.currentThread();
        if (thread.getUncaughtExceptionHandler() == thread.getThreadGroup()) { // none of its own
            thread.setUncaughtExceptionHandler(INSTALLED);
        }
    }

    /** The handler the process uses. */
    public static UncaughtExceptions installed() {
        return INSTALLED;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        String kind = kindOf(failure);
        long now = nanoClock.getAsLong();
        String line = null;
        boolean first;
        synchronized (this) {
            Repeats repeats = kinds.get(kind);
            first = repeats == null;
            if (first) {
                kinds.put(kind, new Repeats(describe(failure), now));
            } else {
                repeats.unreported++;
                if (now - repeats.lastReportNanos >= REPORT_INTERVAL.toNanos()) {
                    line = repeatLine(repeats, now);
                }
            }
        }
        if (first) {
            log.log(Level.ERROR, "Uncaught exception on thread \"" + thread.getName()
                    + "\" (repeats of it are counted, one line a minute at most)", failure);
        } else if (line != null) {
            log.log(Level.ERROR, line);
        }
    }

    /** Logs the repeats not yet reported, one line per kind. Called when Belfry ends. */
    public void reportRepeats() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        long now = nanoClock.getAsLong();
        synchronized (this) {
            for (Repeats repeats : kinds.values()) {
                if (repeats.unreported > 0) {
                    lines.add(repeatLine(repeats, now));
                }
            }
        }
        lines.forEach(line -> log.log(Level.ERROR, line));
    }

    private static String repeatLine(Repeats repeats, long now) {
        long seconds = Math.max(1, Duration.ofNanos(now - repeats.lastReportNanos).toSeconds());
        String line = "The uncaught " + repeats.description + " happened " + repeats.unreported + " more time"
                + (repeats.unreported == 1 ? "" : "s") + " in the last " + seconds + " s";
        repeats.unreported = 0;
        repeats.lastReportNanos = now;
        return line;
    }

    /** The class, and the first frames where it was thrown, of the failure and its root cause. */
    static String kindOf(Throwable failure) {
        StringBuilder kind = new StringBuilder();
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        for (Throwable t : root == failure ? new Throwable[] {failure} : new Throwable[] {failure, root}) {
            kind.append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES_IN_KIND, frames.length); i++) {
                kind.append(" @").append(frames[i]);
            }
            kind.append('|');
        }
        return kind.toString();
    }

    private static String describe(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        return failure.getClass().getSimpleName()
                + (frames.length > 0 ? " at " + frames[0].getClassName() + "." + frames[0].getMethodName() : "");
    }
}

package app.belfry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * When this process started, on {@link System#nanoTime()}'s scale, for start-up figures.
 *
 * <p>{@code ProcessHandle.info().startInstant()} is not good enough on Linux: the JDK adds the process's start
 * (in clock ticks after boot) to the boot time, which /proc gives in whole seconds, so the instant is off by up to
 * a second, by the same amount for every process of one boot (on one machine it said 580 ms from start to
 * {@code main} where the shell saw 30 ms). On Linux this reads the start and the current uptime from /proc instead,
 * both on the same clock, to 10 ms; elsewhere it falls back to the start instant.
 */
final class ProcessClock {

    /** /proc counts in USER_HZ, which is 100 on every Linux architecture Belfry ships for. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessClock() {
    }

    /** The process's start as a {@code System.nanoTime()} value (in the past). */
    static long startNanos() {
        long now = System.nanoTime();
        OptionalLong sinceStart = linuxMillisSinceStart();
        long millis = sinceStart.isPresent() ? sinceStart.getAsLong()
                : ProcessHandle.current().info().startInstant()
                        .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(0L);
        return now - millis * 1_000_000;
    }

    /** Milliseconds since this process started, from /proc/self/stat and /proc/uptime; empty off Linux. */
    static OptionalLong linuxMillisSinceStart() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime"));
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return OptionalLong.of(millisSinceStart(stat, uptime));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * @param stat /proc/self/stat: its 22nd field is the start in ticks after boot (the name, field 2, is in
     *     parentheses and may hold spaces, so fields are counted after its closing parenthesis)
     * @param uptime /proc/uptime: seconds since boot, to two decimals, then idle time
     */
    static long millisSinceStart(String stat, String uptime) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long startTicks = Long.parseLong(fields[19]); // field 22 overall: 3 is fields[0]
        double upSeconds = Double.parseDouble(uptime.trim().split("\\s+")[0]);
        return Math.max(0, Math.round(upSeconds * 1000) - startTicks * 1000 / TICKS_PER_SECOND);
    }
}

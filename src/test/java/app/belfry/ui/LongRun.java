package app.belfry.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javafx.animation.AnimationTimer;

/**
 * The long run's figures, inside the measured JVM ({@link WindowProbe}'s {@code long} scenario): frames, heap and
 * resident memory over time while a million notifications go through the window.
 *
 * <ul>
 *   <li>Frames: an {@code AnimationTimer}, as in the flood scenario; a gap over 50 ms between two of its calls is a
 *       long frame. Only the gaps over 50 ms are kept (with when they began), so nothing grows with the run.</li>
 *   <li>Heap after a full collection: every {@link #FULL_GC_EVERY_SECONDS} s a sampler thread calls
 *       {@code System.gc()} (a full, stop-the-world collection with the serial collector the app runs with) and
 *       reads the heap in use. Those pauses are the probe's, not Belfry's: a long frame that overlaps one is counted
 *       apart.</li>
 *   <li>Resident memory: {@code VmRSS} of {@code /proc/self/status}, every second.</li>
 * </ul>
 * Cost: one file read a second and a full collection every half minute, on a thread of its own.
 */
final class LongRun {

    static final int FULL_GC_EVERY_SECONDS = 30;
    /** Frames of the first minute are the warm-up; the target counts long frames after it. */
    static final int WARM_UP_SECONDS = 60;

    private final int n;
    private final Path samples;
    private final List<double[]> gaps = new ArrayList<>(); // {start s, length ms}, FX thread
    private final List<double[]> fullGcs = new ArrayList<>(); // {start s, pause ms, heap after MB}, sampler
    private final List<double[]> seconds = new ArrayList<>(); // {s, rows, rss MB, heap used MB}, sampler
    private long start;
    private long lastFrame;
    private long frames;
    private volatile boolean running;
    private Thread sampler;
    private final AnimationTimer frameTimer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long at = System.nanoTime();
            if (lastFrame != 0 && at - lastFrame > 50_000_000L) {
                gaps.add(new double[] {(lastFrame - start) / 1e9, (at - lastFrame) / 1e6});
            }
            lastFrame = at;
            frames++;
        }
    };

    LongRun(int n, Path samples) {
        this.n = n;
        this.samples = samples;
    }

    /** FX thread, as the server is asked to begin. */
    void start(IntSupplier rowsShown) {
        start = System.nanoTime();
        frameTimer.start();
        running = true;
        sampler = new Thread(() -> sample(rowsShown), "long-run-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample(IntSupplier rowsShown) {
        var memory = ManagementFactory.getMemoryMXBean();
        long next = start;
        int second = 0;
        while (running) {
            next += TimeUnit.SECONDS.toNanos(1);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            second++;
            if (second % FULL_GC_EVERY_SECONDS == 0) {
                long before = System.nanoTime();
                System.gc();
                long after = System.nanoTime();
                synchronized (fullGcs) {
                    fullGcs.add(new double[] {(before - start) / 1e9, (after - before) / 1e6,
                        memory.getHeapMemoryUsage().getUsed() / 1048576.0});
                }
            }
            synchronized (seconds) {
                seconds.add(new double[] {(System.nanoTime() - start) / 1e9, rowsShown.getAsInt(), rssMegabytes(),
                    memory.getHeapMemoryUsage().getUsed() / 1048576.0});
            }
        }
    }

    /** FX thread, once the last row showed: the figures as JSON fields; the samples go to their file. */
    String finish() {
        frameTimer.stop();
        running = false;
        sampler.interrupt();
        double total = (System.nanoTime() - start) / 1e9;
        List<double[]> gcs;
        List<double[]> perSecond;
        synchronized (fullGcs) {
            gcs = List.copyOf(fullGcs);
        }
        synchronized (seconds) {
            perSecond = List.copyOf(seconds);
        }
        long longAfterWarmUp = 0;
        long longInForcedGc = 0;
        long longInWarmUp = 0;
        double maxAfterWarmUp = 0;
        for (double[] gap : gaps) {
            boolean forced = gcs.stream().anyMatch(gc -> gap[0] <= gc[0] + gc[1] / 1e3 && gc[0] <= gap[0] + gap[1] / 1e3);
            if (forced) {
                longInForcedGc++;
            } else if (gap[0] >= WARM_UP_SECONDS) {
                longAfterWarmUp++;
                maxAfterWarmUp = Math.max(maxAfterWarmUp, gap[1]);
            } else {
                longInWarmUp++;
            }
        }
        StringBuilder csv = new StringBuilder("second,rows,rssMB,heapUsedMB,heapAfterFullGcMB\n");
        for (double[] s : perSecond) {
            double after = gcs.stream().filter(gc -> Math.abs(gc[0] - s[0]) < 1).mapToDouble(gc -> gc[2]).findFirst()
                    .orElse(Double.NaN);
            csv.append(String.format(Locale.ROOT, "%.1f,%d,%.1f,%.1f,%s%n", s[0], (long) s[1], s[2], s[3],
                    Double.isNaN(after) ? "" : String.format(Locale.ROOT, "%.1f", after)));
        }
        try {
            Files.writeString(samples, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double rssAtOneMinute = perSecond.stream().filter(s -> s[0] >= WARM_UP_SECONDS).mapToDouble(s -> s[2])
                .findFirst().orElse(Double.NaN);
        double rssMin = perSecond.stream().filter(s -> s[0] >= WARM_UP_SECONDS).mapToDouble(s -> s[2]).min()
                .orElse(Double.NaN);
        double rssMax = perSecond.stream().filter(s -> s[0] >= WARM_UP_SECONDS).mapToDouble(s -> s[2]).max()
                .orElse(Double.NaN);
        List<double[]> lastHalf = gcs.stream().filter(gc -> gc[0] >= total / 2).toList();
        double[] heaps = lastHalf.stream().mapToDouble(gc -> gc[2]).sorted().toArray();
        double heapMedian = heaps.length == 0 ? Double.NaN : heaps[heaps.length / 2];
        double heapMin = heaps.length == 0 ? Double.NaN : heaps[0];
        double heapMaxLastHalf = heaps.length == 0 ? Double.NaN : heaps[heaps.length - 1];
        double firstHalfMedian = median(gcs.stream().filter(gc -> gc[0] < total / 2).mapToDouble(gc -> gc[2]));
        StringBuilder longFrames = new StringBuilder();
        for (double[] gap : gaps) {
            longFrames.append(longFrames.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.1f,%.0f]",
                    gap[0], gap[1]));
        }
        return String.format(Locale.ROOT, "\"rows\":%d,\"seconds\":%.1f,\"perSec\":%.0f,\"frames\":%d,"
                + "\"longFramesInFirstMinute\":%d,\"longFramesAfterWarmUp\":%d,\"maxFrameGapAfterWarmUpMs\":%.1f,\"longFramesInForcedGc\":%d,"
                + "\"forcedFullGcs\":%d,\"forcedFullGcMaxMs\":%.1f,"
                + "\"heapAfterFullGcMB\":{\"firstHalfMedian\":%.1f,\"lastHalfMedian\":%.1f,\"lastHalfMin\":%.1f,"
                + "\"lastHalfMax\":%.1f},"
                + "\"rssMB\":{\"atOneMinute\":%.1f,\"min\":%.1f,\"max\":%.1f,\"withinPercent\":%.1f}",
                n, total, n / total, frames, longInWarmUp, longAfterWarmUp, maxAfterWarmUp, longInForcedGc, gcs.size(),
                gcs.stream().mapToDouble(gc -> gc[1]).max().orElse(0), firstHalfMedian, heapMedian, heapMin,
                heapMaxLastHalf, rssAtOneMinute, rssMin, rssMax,
                100 * Math.max(rssMax - rssAtOneMinute, rssAtOneMinute - rssMin) / rssAtOneMinute)
                + ",\"longFrames\":[" + longFrames + "]"; // [second it began, ms], forced collections' included
    }

    private static double median(java.util.stream.DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    private static double rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}

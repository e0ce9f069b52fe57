package app.belfry.ui;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Belfry's runner in the UI benchmark (bench/ui.sh), as the peer's {@code run.mjs} is the guide's page's: one
 * scenario, a fresh flood server (the peer's own {@code server.mjs}), a fresh JVM that opens Belfry's window
 * ({@link WindowProbe}) with the installed app's JVM options; prints ONE JSON line with the peer's field names.
 * What the peer's runner reads from /proc (idle CPU, memory) is read here the same way, from outside the measured
 * process; and the wake-ups, which the idle target counts.
 *
 * <p>Usage: UiBenchmark PEER_DIR paced N RATE CAP | flood N CAP | idle SECONDS [CAP] | startup [CAP] | long N RATE
 * CAP (bench/longrun.sh, with {@code -Dbelfry.bench.server=SCRIPT}: the server to start instead of the peer's), in the
 * checkout (for packaging/jpackage-app.txt), with DISPLAY set to an X server. {@code -Dbelfry.bench.log=FILE}
 * collects the measured JVM's stderr; {@code -Dbelfry.bench.jvmOptions="…"} adds options to it (to find where the
 * time goes: {@code -Djavafx.pulseLogger=true}, a JFR recording).
 */
public final class UiBenchmark {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on every Linux Belfry ships for
    private static final long LIMIT_SECONDS = 600;

    private UiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path peer = Path.of(args[0]);
        String scenario = args[1];
        int[] p = java.util.Arrays.stream(args).skip(2).mapToInt(Integer::parseInt).toArray();
        int n;
        int rate = 0;
        int cap;
        int seconds = 0;
        switch (scenario) {
            case "paced", "long" -> {
                n = p[0];
                rate = p[1];
                cap = p[2];
            }
            case "flood" -> {
                n = p[0];
                cap = p[1];
            }
            case "idle" -> {
                seconds = p[0];
                cap = p.length > 1 ? p[1] : 100;
                n = cap; // the peer's idle run first shows CAP notifications, as fast as they come
            }
            case "startup" -> {
                cap = p.length > 0 ? p[0] : 100;
                n = 1;
            }
            default -> throw new IllegalArgumentException(
                    "usage: UiBenchmark PEER_DIR paced N RATE CAP | flood N CAP | idle SECONDS [CAP] | startup [CAP]"
                    + " | long N RATE CAP");
        }
        String head = String.format(Locale.ROOT, "{\"who\":\"belfry\",\"scenario\":\"%s\",\"n\":%d,\"rate\":%d,"
                + "\"cap\":%d,\"loadavg1\":%s", scenario, n, rate, cap,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        // The long run's server paces by the clock (bench/longrun.sh); the peer's waits a timer per notification.
        String serverScript = System.getProperty("belfry.bench.server", peer.resolve("server.mjs").toString());
        long limitSeconds = scenario.equals("long") ? LIMIT_SECONDS + 2L * n / Math.max(1, rate) : LIMIT_SECONDS;
        Process server = new ProcessBuilder("node", serverScript, "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Path dataDir = Files.createTempDirectory("belfry-ui-bench-");
        Path result = Files.createTempFile("belfry-ui-bench-", ".json");
        Process window = null;
        try {
            String url = serverUrl(server);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(appOptions());
            String more = System.getProperty("belfry.bench.jvmOptions", "").strip(); // a profiler, the pulse logger
            if (!more.isEmpty()) {
                command.addAll(List.of(more.split("\\s+")));
            }
            // What Belfry's launcher chooses on a machine without a GPU device (Rendering), which Xvfb is.
            command.addAll(List.of("-Dprism.order=sw", "-Dprism.disableRegionCaching=true",
                    "-Dbelfry.bench.ui=" + result, "-cp", System.getProperty("java.class.path"),
                    WindowProbe.class.getName(), url, scenario, Integer.toString(n), Integer.toString(rate),
                    Integer.toString(cap), dataDir.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("GDK_GL", "disable"); // as Rendering sets it for GTK
            String log = System.getProperty("belfry.bench.log");
            builder.redirectError(log == null ? ProcessBuilder.Redirect.DISCARD
                    : ProcessBuilder.Redirect.appendTo(new File(log)));
            long spawnNs = System.nanoTime();
            command.add(command.indexOf("-cp"), "-Dbelfry.bench.spawnNs=" + spawnNs);
            window = builder.command(command).start();
            String idle = "";
            BufferedReader lines = new BufferedReader(new InputStreamReader(window.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.equals("idle")) {
                    idle = idleFigures(window.toHandle(), seconds);
                    window.destroy();
                    break;
                }
            }
            if (!window.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Belfry's window did not finish within " + limitSeconds + " s");
            }
            String figures = Files.readString(result).strip();
            if (figures.isEmpty()) {
                throw new IllegalStateException("Belfry's window ended (" + window.exitValue() + ") with no figures");
            }
            System.out.println(head + "," + figures.substring(1, figures.length() - 1) + idle + "}");
        } catch (Exception e) {
            System.out.println(head + ",\"error\":\"" + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}");
            System.exit(1);
        } finally {
            if (window != null) {
                window.destroyForcibly();
            }
            server.destroy();
            Files.deleteIfExists(result);
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String serverUrl(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on (http://\\S+)");
        for (String line; (line = out.readLine()) != null; ) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException("the flood server did not start");
    }

    /** The installers' JVM options (packaging/jpackage-app.txt), as bench/ingest.sh reads them. */
    private static List<String> appOptions() throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("packaging/jpackage-app.txt"))) {
            if (line.startsWith("--java-options ")) {
                options.add(line.substring("--java-options ".length()).strip());
            }
        }
        return options;
    }

    /**
     * The peer's idle formula over the JVM (and any children): Σ Δ(utime + stime) / CLK_TCK / seconds × 100 over a
     * window with no traffic; then Σ Rss and Σ Pss. Wake-ups: Σ Δ voluntary context switches over every thread (a
     * thread that sleeps and is woken counts one), with the threads that woke most, and the busiest.
     */
    private static String idleFigures(ProcessHandle jvm, int seconds) throws Exception {
        List<ProcessHandle> processes = new ArrayList<>(List.of(jvm));
        jvm.descendants().forEach(processes::add);
        long ticksBefore = 0;
        Map<String, long[]> threadsBefore = new HashMap<>();
        for (ProcessHandle process : processes) {
            ticksBefore += ticks(process.pid());
            threadsBefore.putAll(threads(process.pid()));
        }
        long from = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        long ticksAfter = 0;
        Map<String, long[]> threadsAfter = new HashMap<>();
        long rssKb = 0;
        long pssKb = 0;
        for (ProcessHandle process : processes) {
            ticksAfter += ticks(process.pid());
            threadsAfter.putAll(threads(process.pid()));
        }
        double secs = (System.nanoTime() - from) / 1e9;
        for (ProcessHandle process : processes) {
            String rollup = Files.readString(Path.of("/proc", Long.toString(process.pid()), "smaps_rollup"));
            rssKb += number(rollup, "Rss");
            pssKb += number(rollup, "Pss");
        }
        Map<String, Long> wakeups = new HashMap<>();
        Map<String, Long> cpu = new HashMap<>();
        threadsAfter.forEach((key, after) -> {
            long[] before = threadsBefore.getOrDefault(key, new long[2]);
            String name = key.substring(key.indexOf(' ') + 1);
            wakeups.merge(name, after[0] - before[0], Long::sum);
            cpu.merge(name, after[1] - before[1], Long::sum);
        });
        long woken = wakeups.values().stream().mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, ",\"seconds\":%d,\"cpuPercentOfOneCore\":%.3f,\"cpuSeconds\":%.2f,"
                + "\"wakeupsPerSec\":%.1f,\"wakeupsPerSecByThread\":%s,\"cpuPercentByThread\":%s,\"threads\":%d,"
                + "\"rssMB\":%.2f,\"pssMB\":%.2f", seconds, (ticksAfter - ticksBefore) * 100.0 / TICKS_PER_SECOND / secs,
                (ticksAfter - ticksBefore) / (double) TICKS_PER_SECOND, woken / secs,
                top(wakeups, v -> String.format(Locale.ROOT, "%.1f", v / secs)),
                top(cpu, v -> String.format(Locale.ROOT, "%.3f", v * 100.0 / TICKS_PER_SECOND / secs)),
                threadsAfter.size(), rssKb / 1024.0, pssKb / 1024.0);
    }

    /** The five largest, as a JSON object. */
    private static String top(Map<String, Long> values, java.util.function.LongFunction<String> format) {
        StringBuilder json = new StringBuilder("{");
        values.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> json.append(json.length() > 1 ? "," : "").append('"')
                        .append(e.getKey().replace("\"", "'")).append("\":").append(format.apply(e.getValue())));
        return json.append('}').toString();
    }

    /** utime + stime of a whole process (its threads, the ended ones included), in clock ticks. */
    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Per thread ("TID NAME"): voluntary context switches and utime + stime in ticks. */
    private static Map<String, long[]> threads(long pid) throws IOException {
        Map<String, long[]> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long cpu = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    long voluntary = number(Files.readString(task.resolve("status")), "voluntary_ctxt_switches");
                    threads.put(task.getFileName() + " " + name, new long[] {voluntary, cpu});
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return threads;
    }

    /** The number after "KEY:" in a /proc file ("Rss:  1234 kB", "voluntary_ctxt_switches:  12"). */
    private static long number(String text, String key) {
        Matcher m = Pattern.compile("^" + key + ":\\s+(\\d+)", Pattern.MULTILINE).matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}

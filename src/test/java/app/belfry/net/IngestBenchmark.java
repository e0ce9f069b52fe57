package app.belfry.net;

import app.belfry.model.ActionJournal;
import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import app.belfry.store.NotificationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;

/**
 * Belfry's side of the ingest benchmark (bench/ingest.sh runs it beside the guide's Node peer, against the same
 * flood server): the client core exactly as the app wires it (connection, service, outbox, store on its own thread),
 * fed {@code n} notifications. Prints one JSON line with the figures the peer prints.
 *
 * <p>Usage: IngestBenchmark URL N RATE CAP [WARMUP]. The run first takes WARMUP notifications (default 20,000) on
 * the same connection and discards their figures, so that the measured run sees compiled code.
 *
 * <p>Measuring: the flood server puts CLOCK_MONOTONIC nanoseconds ({@code sentNs}) in each payload and numbers the
 * ids; a tap registered before the service records {@code sentNs} by number (the codec drops unknown fields), and a
 * listener on the store's list takes the time when a number reaches the top of the list: every notification up to it
 * has then been applied.
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int cap = Integer.parseInt(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;

        ExecutorService storeThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "belfry-store"));
        SocketConnection connection = new SocketConnection(ConnectionOptions.defaults(url)
                .withTransports(java.util.List.of("websocket")));
        long[][] sent = {new long[Math.max(n, warmup)]};
        connection.onAnyThread("notification:new", payload -> {
            // The packet decoder hands objects over as maps of their fields: reading two costs next to nothing.
            java.util.Map<?, ?> json = (java.util.Map<?, ?>) payload[0];
            int i = sequence((String) json.get("id"));
            long[] into = sent[0];
            if (i >= 0 && i < into.length) {
                into[i] = Long.parseLong((String) json.get("sentNs"));
            }
        });
        NotificationStore store = new NotificationStore(storeThread, cap);
        NotificationService service = new NotificationService(connection, new NotificationCodec(),
                ActionJournal.IN_MEMORY, store, () -> java.util.Optional.empty());
        store.bind(service);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        storeThread.execute(() -> store.connectedProperty().addListener((o, was, is) -> {
            if (is) {
                connected.complete(null);
            }
        }));
        service.connect(new Credentials.BearerToken("bench"));
        connected.get(30, TimeUnit.SECONDS);

        if (warmup > 0) {
            run(connection, store, storeThread, sent, warmup, 0);
            storeThread.submit(store::clearNotifications).get();
        }
        java.util.Map<String, Long> cpuBefore = threadCpu();
        long wallBefore = System.nanoTime();
        Result result = run(connection, store, storeThread, sent, n, rate);
        if (System.getenv("BELFRY_BENCH_THREADS") != null) {
            long wall = System.nanoTime() - wallBefore;
            threadCpu().forEach((name, cpu) -> {
                long used = cpu - cpuBefore.getOrDefault(name, 0L);
                if (used > wall / 100) {
                    System.err.printf("thread %-28s %5.1f%% of %d ms%n", name, 100.0 * used / wall, wall / 1_000_000);
                }
            });
        }

        long peakRssKb = peakRssKb();
        System.out.printf("{\"consumer\":\"belfry (socket.io-client-java 2.1.2 + store)\",\"n\":%d,\"cap\":%d,"
                + "\"rate\":%d,\"perSec\":%d,\"serverPerSec\":%d,\"p50ms\":%.3f,\"p99ms\":%.3f,\"maxms\":%.3f,\"unread\":%d,"
                + "\"listChanges\":%d,\"rssMB\":%d,\"warmup\":%d}%n", n, cap, rate, result.perSecond, result.serverPerSecond, result.p50,
                result.p99, result.max, result.unread, result.listChanges, peakRssKb / 1024, warmup);
        connection.close();
        storeThread.shutdownNow();
        System.exit(0);
    }

    /** {@code serverPerSecond}: how fast the server emitted them, from the first {@code sentNs} to the last. */
    private record Result(long perSecond, long serverPerSecond, double p50, double p99, double max, int unread,
            int listChanges) {
    }

    private static Result run(SocketConnection connection, NotificationStore store, ExecutorService storeThread,
            long[][] sent, int n, int rate) throws Exception {
        long[] into = new long[n];
        sent[0] = into;
        double[] latencyMs = new double[n];
        int[] applied = {-1};
        int[] changes = {0};
        long[] firstApplied = {0};
        CompletableFuture<Long> done = new CompletableFuture<>();
        ListChangeListener<Notification> listener = change -> {
            long now = System.nanoTime();
            changes[0]++;
            if (store.notifications().isEmpty()) {
                return;
            }
            int top = sequence(store.notifications().get(0).id());
            if (top <= applied[0]) {
                return;
            }
            if (applied[0] < 0) {
                firstApplied[0] = now;
            }
            for (int i = applied[0] + 1; i <= top && i < n; i++) {
                latencyMs[i] = (now - into[i]) / 1e6;
            }
            applied[0] = top;
            if (top >= n - 1) {
                done.complete(now);
            }
        };
        storeThread.submit(() -> store.notifications().addListener(listener)).get();
        FloodRequest.ask(connection, n, rate);
        long last = done.get(10, TimeUnit.MINUTES);
        int unread = storeThread.submit(store::unreadCount).get();
        storeThread.submit(() -> store.notifications().removeListener(listener)).get();
        double seconds = (last - firstApplied[0]) / 1e9;
        double[] sorted = latencyMs.clone();
        Arrays.sort(sorted);
        long serverPerSecond = Math.round(n / ((into[n - 1] - into[0]) / 1e9));
        return new Result(Math.round(n / seconds), serverPerSecond, quantile(sorted, 0.5), quantile(sorted, 0.99), sorted[n - 1],
                unread, changes[0]);
    }

    /**
     * CPU time in nanoseconds by thread name (threads of one name summed), for BELFRY_BENCH_THREADS: read from
     * /proc, so that the JVM's own threads (compilers, garbage collector) count too. Empty off Linux.
     */
    private static java.util.Map<String, Long> threadCpu() {
        java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                    cpu.merge(name, ticks * 10_000_000L, Long::sum); // 100 ticks a second
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return cpu;
    }

    private static double quantile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    /** "bench-1764140000000-123" → 123. */
    private static int sequence(String id) {
        int dash = id.lastIndexOf('-');
        try {
            return Integer.parseInt(id.substring(dash + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }
}

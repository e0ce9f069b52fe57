package app.belfry.persist;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.NotificationCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes run one at a time, on the worker's thread, the latest last; callers wait for them without deadlock. */
class PersistWorkerTest {

    private static final long FOREVER = TimeUnit.HOURS.toMillis(1); // a debounce that never fires in a test

    @TempDir
    Path dir;

    private final List<PersistWorker> workers = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
        workers.forEach(PersistWorker::close);
    }

    private PersistWorker worker(long debounceMillis) {
        PersistWorker worker = new PersistWorker(debounceMillis);
        workers.add(worker);
        return worker;
    }

    private JsonFile file(String name) {
        return new JsonFile(dir.resolve(name), NotificationCodec.mapper(), Clock.systemUTC());
    }

    private static JsonNode snapshot(int number) {
        return NotificationCodec.mapper().createObjectNode().put("snapshot", number).put("padding", "x".repeat(20_000));
    }

    /** One key written by schedules, flushes and writeNows from many threads at once. */
    @Test
    void writesOfOneKeyNeverOverlapRunOnTheWorkerAndTheLatestLandsLast() throws Exception {
        PersistWorker worker = worker(1);
        JsonFile file = file("history.json");
        String key = "history";
        Object order = new Object(); // a number is taken and its write handed over in one step, as a store does
        AtomicInteger numbers = new AtomicInteger();
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean beforeClose = new AtomicBoolean(true);
        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger falseReturns = new AtomicInteger();

        class Snapshot implements PersistWorker.Write {
            final int number;

            Snapshot(int number) {
                this.number = number;
            }

            @Override
            public void run() throws Exception {
                if (inProgress.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                try {
                    if (beforeClose.get()) {
                        ranOn.add(Thread.currentThread().getName());
                    }
                    file.write(snapshot(number));
                    written.incrementAndGet();
                } catch (Exception | Error e) {
                    failures.add(e);
                    throw e;
                } finally {
                    inProgress.decrementAndGet();
                }
            }
        }

        int schedulers = 4;
        int flushers = 2;
        int writers = 2;
        CyclicBarrier start = new CyclicBarrier(schedulers + flushers + writers);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < schedulers; t++) {
            running.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 300; i++) {
                    synchronized (order) {
                        worker.schedule(key, new Snapshot(numbers.incrementAndGet()));
                    }
                    Thread.yield();
                }
                return null;
            }));
        }
        for (int t = 0; t < flushers; t++) {
            running.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 100; i++) {
                    if (!worker.flush()) {
                        falseReturns.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (int t = 0; t < writers; t++) {
            running.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 50; i++) {
                    synchronized (order) {
                        if (!worker.writeNow(key, new Snapshot(numbers.incrementAndGet()))) {
                            falseReturns.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> each : running) {
            each.get();
        }
        boolean lastFlush = worker.flush();

        SoftAssertions soft = new SoftAssertions(); // all that went wrong, not just the first
        soft.assertThat(lastFlush).as("the last flush").isTrue();
        soft.assertThat(failures).as("writes that failed").isEmpty();
        soft.assertThat(overlaps.get()).as("writes of the key that overlapped").isZero();
        soft.assertThat(ranOn).as("the threads that wrote").containsExactly(PersistWorker.THREAD_NAME);
        soft.assertThat(falseReturns.get()).as("flushes and writeNows that said false").isZero();
        soft.assertThat(written.get()).isPositive();
        JsonFile.ReadResult back = file.read();
        soft.assertThat(back.problem()).as("a problem reading it back").isNull();
        soft.assertThat(back.content().map(n -> n.path("snapshot").asInt())).as("the snapshot on disk")
                .contains(numbers.get());
        soft.assertAll();
        beforeClose.set(false);
        worker.close();
        assertThat(overlaps.get()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("history.json");
        }
    }

    @Test
    void writeNowReturnsOnlyOnceTheWriteRanAndReplacesAPendingOne() throws Exception {
        PersistWorker worker = worker(FOREVER);
        AtomicBoolean scheduledRan = new AtomicBoolean();
        worker.schedule("k", () -> scheduledRan.set(true));

        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<String> ranOn = new AtomicReference<>();
        Future<Boolean> call = threads.submit(() -> {
            boolean result = worker.writeNow("k", () -> {
                ranOn.set(Thread.currentThread().getName());
                started.countDown();
                release.await();
                finished.set(true);
            });
            return result && finished.get();
        });
        started.await();
        assertThat(call.isDone()).as("writeNow returned while its write was still running").isFalse();
        release.countDown();

        assertThat(call.get()).as("returned true, after the write finished").isTrue();
        assertThat(ranOn.get()).isEqualTo(PersistWorker.THREAD_NAME);
        assertThat(worker.flush()).isTrue();
        assertThat(scheduledRan.get()).as("the pending write it replaced").isFalse();
    }

    @Test
    void writeNowSaysFalseWhenTheWriteFails() {
        PersistWorker worker = worker(FOREVER);
        assertThat(worker.writeNow("k", () -> {
            throw new java.io.IOException("disk full");
        })).isFalse();
        AtomicBoolean ran = new AtomicBoolean();
        assertThat(worker.writeNow("k", () -> ran.set(true))).isTrue();
        assertThat(ran.get()).isTrue();
    }

    @Test
    void writeSoonCompletesOnceWrittenOnTheWorker() throws Exception {
        PersistWorker worker = worker(FOREVER);
        AtomicReference<String> ranOn = new AtomicReference<>();
        assertThat(worker.writeSoon("k", () -> ranOn.set(Thread.currentThread().getName())).get()).isTrue();
        assertThat(ranOn.get()).isEqualTo(PersistWorker.THREAD_NAME);
    }

    @Test
    void closeWritesWhatIsPendingAndAfterItWriteNowWritesOnTheCallerAndScheduleIsIgnored() throws Exception {
        PersistWorker worker = worker(FOREVER);
        AtomicReference<String> pendingRanOn = new AtomicReference<>();
        worker.schedule("a", () -> pendingRanOn.set(Thread.currentThread().getName()));
        worker.close();
        assertThat(pendingRanOn.get()).as("written by close").isEqualTo(PersistWorker.THREAD_NAME);

        AtomicBoolean scheduledRan = new AtomicBoolean();
        worker.schedule("b", () -> scheduledRan.set(true));
        AtomicReference<Thread> nowRanOn = new AtomicReference<>();
        assertThat(worker.writeNow("c", () -> nowRanOn.set(Thread.currentThread()))).isTrue();
        assertThat(nowRanOn.get()).isSameAs(Thread.currentThread());

        AtomicReference<Thread> soonRanOn = new AtomicReference<>();
        var soon = worker.writeSoon("d", () -> soonRanOn.set(Thread.currentThread()));
        assertThat(soon).isCompletedWithValue(true);
        assertThat(soonRanOn.get()).isSameAs(Thread.currentThread());

        assertThat(worker.flush()).isTrue();
        worker.close(); // again: harmless
        assertThat(scheduledRan.get()).as("a schedule after close").isFalse();

        JsonFile file = file("settings.json");
        assertThat(worker.writeNow("settings", () -> file.write(snapshot(7)))).isTrue();
        assertThat(file.read().content()).hasValueSatisfying(n -> assertThat(n.path("snapshot").asInt()).isEqualTo(7));
    }

    @Test
    void flushAndWriteNowFromInsideAWriteRunThereWithoutDeadlock() {
        PersistWorker worker = worker(FOREVER);
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicBoolean innerFlush = new AtomicBoolean();
        AtomicBoolean innerWriteNow = new AtomicBoolean();
        boolean outer = worker.writeNow("outer", () -> {
            order.add("outer starts");
            worker.schedule("inner", () -> order.add("inner on " + Thread.currentThread().getName()));
            innerFlush.set(worker.flush());
            innerWriteNow.set(worker.writeNow("nested", () -> order.add("nested on "
                    + Thread.currentThread().getName())));
            order.add("outer ends");
        });

        assertThat(outer).isTrue();
        assertThat(innerFlush.get()).isTrue();
        assertThat(innerWriteNow.get()).isTrue();
        assertThat(order).containsExactly("outer starts", "inner on " + PersistWorker.THREAD_NAME,
                "nested on " + PersistWorker.THREAD_NAME, "outer ends");
        assertThat(worker.flush()).isTrue();
    }

    @Test
    void aScheduledWriteIsDebouncedToOneWriteOfTheLatest() {
        PersistWorker worker = worker(FOREVER);
        List<Integer> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int n = i;
            worker.schedule("k", () -> written.add(n));
        }
        assertThat(written).isEmpty();
        assertThat(worker.flush()).isTrue();
        assertThat(written).containsExactly(5);
    }

    /** Two writes of one file at once (say two JsonFiles of one path): each has its own temporary file. */
    @Test
    void twoWritesOfOneFileAtOnceNeverFailNorLeaveATemporaryFile() throws Exception {
        JsonFile first = file("outbox.json");
        JsonFile second = file("outbox.json");
        CyclicBarrier together = new CyclicBarrier(2);
        int rounds = 200;
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Future<?> a = threads.submit(() -> writeRounds(first, 0, rounds, together, failures));
        Future<?> b = threads.submit(() -> writeRounds(second, 100_000, rounds, together, failures));
        a.get();
        b.get();

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(failures).as("writes that failed").isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            soft.assertThat(files.map(p -> p.getFileName().toString())).as("the folder")
                    .containsExactly("outbox.json");
        }
        JsonFile.ReadResult back = first.read();
        soft.assertThat(back.problem()).as("a problem reading it back").isNull();
        soft.assertThat(back.content().map(n -> n.path("snapshot").asInt()).orElse(-1)).as("the snapshot on disk")
                .isIn(rounds - 1, 100_000 + rounds - 1);
        soft.assertAll();
    }

    /** Writes {@code rounds} snapshots, each at the same moment as the other thread's; a failure does not stop it. */
    private static Void writeRounds(JsonFile file, int base, int rounds, CyclicBarrier together,
            List<Throwable> failures) throws Exception {
        for (int i = 0; i < rounds; i++) {
            together.await();
            try {
                file.write(snapshot(base + i));
            } catch (Exception e) {
                failures.add(e);
            }
        }
        return null;
    }
}

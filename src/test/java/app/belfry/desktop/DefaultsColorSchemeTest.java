package app.belfry.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.desktop.DefaultsColorScheme.Result;
import app.belfry.testing.LogCapture;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** macOS' appearance, against a fake {@code defaults}: read at start and at each recheck (the window's focus). */
class DefaultsColorSchemeTest {

    private static final long WAIT_SECONDS = 10;

    @RegisterExtension
    final LogCapture log = new LogCapture(DbusPopupSink.LOGGER_NAME);

    private final BlockingQueue<Boolean> readings = new LinkedBlockingQueue<>();
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private volatile Result answer;

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    /** Waits until the background executor has run everything given to it so far. */
    private void idle() throws Exception {
        background.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private Result run(List<String> command) {
        commands.add(command);
        return answer;
    }

    @Test
    void darkWhenDefaultsSaysDarkAndLightWhenItHasNoSuchKey() throws Exception {
        answer = new Result(0, "Dark\n");
        DefaultsColorScheme scheme = DefaultsColorScheme.start(this::run, background, readings::add);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(commands).containsExactly(List.of("defaults", "read", "-g", "AppleInterfaceStyle"));

        idle(); // that reading is over: a recheck during one is answered by it

        // The user picks Light in System Settings, then comes back to Belfry's window.
        answer = new Result(1, "");
        scheme.recheck();
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
        assertThat(commands).hasSize(2);
    }

    @Test
    void aBurstOfFocusIsOneReading() throws Exception {
        answer = new Result(0, "Dark");
        CountDownLatch release = new CountDownLatch(1);
        DefaultsColorScheme scheme = DefaultsColorScheme.start(command -> {
            commands.add(command);
            release.await();
            return answer;
        }, background, readings::add);
        scheme.recheck();
        scheme.recheck();
        release.countDown();
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        idle();
        assertThat(commands).hasSize(1);
        assertThat(readings).isEmpty();
    }

    @Test
    void aFailingCommandReportsNothingAndIsSaidOnce() throws Exception {
        answer = new Result(127, "");
        DefaultsColorScheme scheme = DefaultsColorScheme.start(this::run, background, readings::add);
        scheme.recheck();
        idle();
        DefaultsColorScheme.start(command -> {
            throw new IOException("no defaults here");
        }, background, readings::add);
        idle();
        assertThat(readings).isEmpty();
        assertThat(log.lines()).hasSize(2).anySatisfy(line -> assertThat(line).contains("status 127"))
                .anySatisfy(line -> assertThat(line).contains("no defaults here"));
    }

    @Test
    void closedItReadsNoMore() throws Exception {
        answer = new Result(0, "Dark");
        DefaultsColorScheme scheme = DefaultsColorScheme.start(this::run, background, readings::add);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        scheme.close();
        scheme.recheck();
        idle();
        assertThat(commands).hasSize(1);
    }

    @Test
    void theRealRunnerGivesTheExitStatusAndWhatWasPrinted() throws Exception {
        assertThat(DefaultsColorScheme.runProcess(List.of("sh", "-c", "echo Dark"))).isEqualTo(new Result(0, "Dark\n"));
        assertThat(DefaultsColorScheme.runProcess(List.of("sh", "-c", "echo 'does not exist' >&2; exit 1")))
                .isEqualTo(new Result(1, ""));
    }
}

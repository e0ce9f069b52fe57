package app.belfry;

import java.time.Duration;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;

/**
 * {@code belfry --smoke-test}: the installed app proves itself. It runs on the embedded demo backend, waits until it
 * is connected and the first notification is on screen, prints the time from process start to the first frame and
 * to connected, and exits 0; on failure (nothing within 60 s) it prints why and exits 1.
 */
final class SmokeTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private SmokeTest() {
    }

    static void watch(Stage stage, Belfry belfry) {
        long processStart = ProcessClock.startNanos();
        long[] firstFrame = {0};
        long[] connected = {0};
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (firstFrame[0] == 0 && stage.isShowing()) {
                    firstFrame[0] = System.nanoTime();
                    stop();
                }
            }
        };
        frames.start();
        belfry.store().connectedProperty().addListener((o, was, is) -> {
            if (is && connected[0] == 0) {
                connected[0] = System.nanoTime();
            }
        });
        Runnable check = () -> {
            if (!ended && firstFrame[0] != 0 && connected[0] != 0 && !belfry.store().notifications().isEmpty()) {
                System.out.printf("Smoke test passed: first frame %d ms, connected %d ms, first notification %d ms "
                        + "after process start%n", millis(processStart, firstFrame[0]),
                        millis(processStart, connected[0]), millis(processStart, System.nanoTime()));
                exit(belfry, 0);
            }
        };
        belfry.store().notifications().addListener((ListChangeListener<Object>) c -> check.run());
        belfry.store().connectedProperty().addListener((o, was, is) -> check.run());
        PauseTransition limit = new PauseTransition(javafx.util.Duration.millis(LIMIT.toMillis()));
        limit.setOnFinished(e -> {
            if (ended) {
                return;
            }
            System.out.println("Smoke test failed: " + (firstFrame[0] == 0 ? "no frame"
                    : connected[0] == 0 ? "not connected (" + belfry.store().errorProperty().get() + ")"
                    : "no notification") + " within " + LIMIT.toSeconds() + " s");
            exit(belfry, 1);
        });
        limit.play();
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private static boolean ended; // FX thread: a verdict is given once, however many changes follow it

    private static void exit(Belfry belfry, int status) {
        if (ended) {
            return;
        }
        ended = true;
        System.out.flush();
        BelfryApp.quit(status);
    }
}

package app.belfry;

import java.time.Duration;
import java.time.Instant;
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
        Instant processStart = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        Instant[] firstFrame = {null};
        Instant[] connected = {null};
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (firstFrame[0] == null && stage.isShowing()) {
                    firstFrame[0] = Instant.now();
                    stop();
                }
            }
        };
        frames.start();
        belfry.store().connectedProperty().addListener((o, was, is) -> {
            if (is && connected[0] == null) {
                connected[0] = Instant.now();
            }
        });
        Runnable check = () -> {
            if (firstFrame[0] != null && connected[0] != null && !belfry.store().notifications().isEmpty()) {
                System.out.printf("Smoke test passed: first frame %d ms, connected %d ms, first notification %d ms "
                        + "after process start%n", millis(processStart, firstFrame[0]),
                        millis(processStart, connected[0]), millis(processStart, Instant.now()));
                exit(belfry, 0);
            }
        };
        belfry.store().notifications().addListener((ListChangeListener<Object>) c -> check.run());
        belfry.store().connectedProperty().addListener((o, was, is) -> check.run());
        PauseTransition limit = new PauseTransition(javafx.util.Duration.millis(LIMIT.toMillis()));
        limit.setOnFinished(e -> {
            System.out.println("Smoke test failed: " + (firstFrame[0] == null ? "no frame"
                    : connected[0] == null ? "not connected (" + belfry.store().errorProperty().get() + ")"
                    : "no notification") + " within " + LIMIT.toSeconds() + " s");
            exit(belfry, 1);
        });
        limit.play();
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    private static void exit(Belfry belfry, int status) {
        System.out.flush();
        belfry.close();
        Platform.exit();
        System.exit(status);
    }
}

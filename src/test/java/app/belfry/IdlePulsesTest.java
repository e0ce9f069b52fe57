package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.TranslateTransition;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The pulse timer sleeps while nothing changes, and wakes for whatever needs a pulse: a node that changes, an
 * animation. Monocle's timer ignores JavaFX's pause as GTK's does, so the tests see what Linux users get.
 */
@ExtendWith(ApplicationExtension.class)
class IdlePulsesTest {

    private Label label;

    @Start
    void start(Stage stage) {
        label = new Label("Still");
        stage.setScene(new Scene(new StackPane(label), 300, 100));
        stage.show();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out waiting until " + what);
        }
    }

    private static IdlePulses.SleepingTimer pulseTimer() throws Exception {
        Object toolkit = Class.forName("com.sun.javafx.tk.Toolkit").getMethod("getToolkit").invoke(null);
        Field field = toolkit.getClass().getDeclaredField("pulseTimer");
        field.setAccessible(true);
        return (IdlePulses.SleepingTimer) field.get(toolkit);
    }

    @Test
    void thePulseTimerSleepsWhileNothingChangesAndWakesForAChangeAndForAnAnimation() throws Exception {
        fx(() -> {
            IdlePulses.install();
            IdlePulses.install(); // once is enough; again changes nothing
            return null;
        });
        IdlePulses.SleepingTimer timer = pulseTimer();
        waitUntil("the pulse timer asleep", timer::asleep);

        double narrow = fx(label::getWidth);
        fx(() -> {
            label.setText("Moved, and a good deal wider than before");
            return null;
        });
        waitUntil("the label laid out again, in a pulse", () -> label.getWidth() > narrow);
        waitUntil("asleep again", timer::asleep);

        AtomicBoolean finished = new AtomicBoolean();
        boolean asleepOncePlaying = fx(() -> {
            TranslateTransition move = new TranslateTransition(Duration.millis(300), label);
            move.setByX(40);
            move.setOnFinished(e -> finished.set(true));
            move.play();
            return timer.asleep();
        });
        assertThat(asleepOncePlaying).as("an animation wakes it at once").isFalse();
        waitUntil("the animation played to its end, pulse by pulse", finished::get);
        assertThat(fx(label::getTranslateX)).isEqualTo(40);
        waitUntil("asleep again after the animation", timer::asleep);
        assertThat(pulseTimer()).isSameAs(timer);
    }
}

package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The store's executor in the window: in order, on the FX thread, once per pulse, and quiet when nothing comes. */
@ExtendWith(ApplicationExtension.class)
class FrameExecutorTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 100, 100));
        stage.show();
    }

    @Test
    void runsEveryTaskInOrderOnTheFxThreadThenStopsItsTimer() throws Exception {
        FrameExecutor executor = new FrameExecutor();
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> onFxThread = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(1000);
        Thread socket = new Thread(() -> IntStream.range(0, 1000).forEach(i -> executor.execute(() -> {
            ran.add(i);
            onFxThread.add(Platform.isFxApplicationThread());
            all.countDown();
        })));
        socket.start();

        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).isEqualTo(IntStream.range(0, 1000).boxed().toList());
        assertThat(onFxThread).containsOnly(true);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !executor.armed()); // its timer stopped
        assertThat(executor.armed()).as("its timer stopped: nothing keeps the pulse running").isFalse();
    }

    @Test
    void aTaskHandedOverByATaskRunsInTheNextPulse() throws Exception {
        FrameExecutor executor = new FrameExecutor();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        executor.execute(() -> {
            order.add("first");
            executor.execute(() -> {
                order.add("handed over");
                done.countDown();
            });
            Platform.runLater(() -> order.add("between the pulses")); // runs before the next pulse
        });

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("first", "between the pulses", "handed over");
    }
}

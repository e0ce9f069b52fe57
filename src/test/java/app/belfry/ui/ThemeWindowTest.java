package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.Belfry;
import app.belfry.LaunchOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** {@code --theme dark} reaches Belfry's window, and the dropdown, which is a window of its own, as it opens. */
@ExtendWith(ApplicationExtension.class)
class ThemeWindowTest {

    @TempDir
    java.nio.file.Path dataDir;

    private Stage stage;
    private Belfry belfry;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() throws Exception {
        if (belfry != null) {
            WaitForAsyncUtils.asyncFx(belfry::shutDown).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void darkFromTheCommandLineReachesTheWindowAndTheDropdown(FxRobot robot) throws Exception {
        // No server answers there: the window shows all the same, which is all this needs.
        fx(() -> belfry = Belfry.open(stage, LaunchOptions.parse(new String[] {"--server", "http://127.0.0.1:9",
            "--token", "t", "--theme", "dark", "--data-dir", dataDir.toString()}, Map.of())));
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).contains(Appearance.DARK);

        robot.clickOn("#bell-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#notification-popover").tryQuery()
                .map(Node::isVisible).orElse(false));
        Node panel = robot.lookup("#notification-popover").query();
        assertThat(fx(() -> panel.getScene().getRoot().getStyleClass())).contains(Appearance.DARK);
        Path frame = (Path) robot.lookup(".popover > .border").query();
        assertThat(fx(() -> frame.getFill())).as("the dark palette's surface").isEqualTo(Color.web("#1f2937"));
    }

    private static <T> T fx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
    }
}

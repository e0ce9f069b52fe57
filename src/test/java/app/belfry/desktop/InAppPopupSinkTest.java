package app.belfry.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.NotificationType;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Belfry's own popups take ControlsFX's dark style while Belfry is dark, and its light one otherwise. */
@ExtendWith(ApplicationExtension.class)
class InAppPopupSinkTest {

    private final AtomicBoolean dark = new AtomicBoolean();
    private Stage stage;
    private InAppPopupSink sink;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
        sink = new InAppPopupSink(stage, Platform::runLater, dark::get);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Window.getWindows().stream().filter(javafx.stage.Popup.class::isInstance).toList().forEach(Window::hide);
            stage.hide();
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void thePopupIsDarkWhileBelfryIsDark() throws Exception {
        dark.set(true);
        sink.show(new Popup("Disk almost full", "db-2 at 91%", NotificationType.WARNING, "n-1"));
        assertThat(bar("Disk almost full").getStyleClass()).contains("dark");

        dark.set(false);
        sink.show(new Popup("Backup completed", "38 GB", NotificationType.SUCCESS, "n-2"));
        assertThat(bar("Backup completed").getStyleClass()).doesNotContain("dark");
    }

    /** The notification bar of the popup showing that title, once it shows. */
    private static Node bar(String title) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> find(title).isPresent());
        return find(title).orElseThrow();
    }

    private static Optional<Node> find(String title) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .filter(javafx.stage.Popup.class::isInstance)
                .flatMap(window -> window.getScene().getRoot().lookupAll(".notification-bar").stream())
                .filter(bar -> bar.lookupAll(".label").stream().anyMatch(label -> label instanceof
                        javafx.scene.control.Label l && title.equals(l.getText())))
                .findFirst()).get(10, TimeUnit.SECONDS);
    }
}

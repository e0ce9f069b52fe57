package app.belfry.ui;

import app.belfry.model.Theme;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The theme reaches every window Belfry owns, also those that open while it is dark and those open when it changes,
 * and the stylesheet's dark palette really is what their text is drawn in.
 */
@ExtendWith(ApplicationExtension.class)
class AppearanceTest {

    private static final Color LIGHT_TEXT = Color.web("#111827");
    private static final Color DARK_TEXT = Color.web("#f9fafb");

    private Stage stage;
    private Label title;
    private Appearance appearance;
    private Dialog<Void> dialog;
    private ContextMenu menu;
    private Stage stranger;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        title = new Label("Belfry");
        title.getStyleClass().add("app-title");
        stage.setScene(new Scene(new StackPane(title), 300, 200));
        appearance = new Appearance(stage);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            appearance.close();
            if (menu != null) {
                menu.hide();
            }
            if (dialog != null) {
                dialog.close();
            }
            if (stranger != null) {
                stranger.hide();
            }
            stage.hide();
            return null;
        });
    }

    @Test
    void darkIsTheChoiceOrForSameAsTheSystemTheSystems() throws Exception {
        fx(() -> {
            assertThat(appearance.chosenProperty().get()).as("the default").isEqualTo(Theme.SYSTEM);
            assertThat(appearance.isDark()).isFalse();
            appearance.systemDarkProperty().set(true);
            assertThat(appearance.isDark()).isTrue();
            appearance.chosenProperty().set(Theme.LIGHT);
            assertThat(appearance.isDark()).as("light, whatever the system says").isFalse();
            appearance.systemDarkProperty().set(false);
            appearance.chosenProperty().set(Theme.DARK);
            assertThat(appearance.isDark()).as("dark, whatever the system says").isTrue();
            return null;
        });
    }

    @Test
    void theMainWindowAndTheWindowsItOwnsTurnDarkAndBackWhileTheyShow() throws Exception {
        assertThat(fx(() -> textFill(title))).isEqualTo(LIGHT_TEXT);
        assertThat(fx(() -> stage.getScene().getStylesheets())).contains(MainWindow.STYLESHEET);

        fx(() -> {
            appearance.chosenProperty().set(Theme.DARK);
            return null;
        });
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).contains(Appearance.DARK);
        assertThat(fx(() -> textFill(title))).as("the dark palette's text").isEqualTo(DARK_TEXT);

        // Opened while dark: a dialog (a stage of its own, without the stylesheet) and a menu (a popup window).
        Button inDialog = new Button("Save");
        fx(() -> {
            dialog = new Dialog<>();
            dialog.initOwner(stage);
            dialog.getDialogPane().setContent(inDialog);
            dialog.show();
            menu = new ContextMenu(new MenuItem("Sign out"));
            menu.show(title, 10, 10);
            stranger = new Stage(); // not Belfry's: another window of the same process
            stranger.setScene(new Scene(new StackPane(), 50, 50));
            stranger.show();
            return null;
        });
        Scene dialogScene = fx(() -> dialog.getDialogPane().getScene());
        assertThat(fx(() -> dialogScene.getStylesheets())).contains(MainWindow.STYLESHEET);
        assertThat(fx(() -> dialogScene.getRoot().getStyleClass())).contains(Appearance.DARK);
        assertThat(fx(() -> textFill(inDialog))).as("Modena's button text, from the dark palette")
                .isEqualTo(DARK_TEXT);
        assertThat(fx(() -> menu.getScene().getRoot().getStyleClass())).contains(Appearance.DARK);
        assertThat(fx(() -> stranger.getScene().getRoot().getStyleClass())).doesNotContain(Appearance.DARK);
        assertThat(fx(() -> stranger.getScene().getStylesheets())).isEmpty();

        // The system turns light while they are open: "same as the system" follows at once, everywhere.
        fx(() -> {
            appearance.chosenProperty().set(Theme.SYSTEM);
            return null;
        });
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).doesNotContain(Appearance.DARK);
        assertThat(fx(() -> dialogScene.getRoot().getStyleClass())).doesNotContain(Appearance.DARK);
        assertThat(fx(() -> menu.getScene().getRoot().getStyleClass())).doesNotContain(Appearance.DARK);
        assertThat(fx(() -> textFill(title))).isEqualTo(LIGHT_TEXT);

        fx(() -> {
            appearance.systemDarkProperty().set(true);
            return null;
        });
        assertThat(fx(() -> menu.getScene().getRoot().getStyleClass())).contains(Appearance.DARK);
        assertThat(fx(() -> textFill(inDialog))).isEqualTo(DARK_TEXT);
    }

    /** The text colour CSS gives a control now. */
    private static Color textFill(javafx.scene.control.Labeled node) {
        node.applyCss();
        return (Color) node.getTextFill();
    }

    private static <T> T fx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
    }
}

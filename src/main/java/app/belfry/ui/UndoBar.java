package app.belfry.ui;

import app.belfry.i18n.Texts;
import app.belfry.store.NotificationStore;
import javafx.animation.PauseTransition;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/**
 * "Cleared 3 notifications. Undo", for a few seconds after a clear; then the clear is for good. Clearing is Belfry's
 * own (the backend has no delete), kept across restarts. Ctrl+Z undoes too, while the bar shows.
 */
final class UndoBar {

    /** How long a clear can be undone. */
    static final Duration SHOWN_FOR = Duration.seconds(8);

    private final NotificationStore store;
    private final HBox root;
    private final Label text = new Label();
    private final PauseTransition timer = new PauseTransition(SHOWN_FOR);

    UndoBar(NotificationStore store) {
        this.store = store;
        text.setId("undo-text");
        Button undo = new Button(Texts.text("undo.button"));
        undo.setId("undo-button");
        undo.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        undo.setOnAction(e -> undo());
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        root = new HBox(text, undo);
        root.setId("undo-bar");
        root.getStyleClass().add("undo-bar");
        root.managedProperty().bind(root.visibleProperty());
        root.setVisible(false);
        timer.setOnFinished(e -> expire());
    }

    Parent root() {
        return root;
    }

    /** After a clear of {@code count}: offers its undo (a clear of nothing says nothing). */
    void cleared(int count) {
        if (count == 0) {
            return;
        }
        text.setText(Texts.format("undo.cleared", count));
        root.setVisible(true);
        timer.playFromStart();
    }

    /** Brings the last clear back, while the bar shows. */
    void undo() {
        if (!root.isVisible()) {
            return;
        }
        timer.stop();
        root.setVisible(false);
        store.undoClear();
    }

    private void expire() {
        root.setVisible(false);
        store.forgetUndo();
    }
}

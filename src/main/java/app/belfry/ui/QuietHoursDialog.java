package app.belfry.ui;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Quiet hours: no popups from one time to another each day (across midnight too); errors may break through. */
final class QuietHoursDialog {

    /** What the user chose; {@code from} and {@code to} null for no quiet hours. */
    record QuietHours(LocalTime from, LocalTime to, boolean errorsBreakThrough) {
    }

    private QuietHoursDialog() {
    }

    static Optional<QuietHours> ask(Window owner, QuietHours current) {
        Dialog<QuietHours> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Quiet hours");
        dialog.setHeaderText("No popups between these times (history is kept either way).");
        TextField from = new TextField(current.from() == null ? "" : current.from().toString());
        from.setId("quiet-from");
        from.setPromptText("22:00");
        TextField to = new TextField(current.to() == null ? "" : current.to().toString());
        to.setId("quiet-to");
        to.setPromptText("07:00");
        CheckBox errors = new CheckBox("Errors pop up all the same");
        errors.setId("quiet-errors");
        errors.setSelected(current.errorsBreakThrough());
        Label problem = new Label();
        problem.setId("quiet-error");
        problem.getStyleClass().add("login-error");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("From"), from);
        grid.addRow(1, new Label("To"), to);
        grid.add(errors, 1, 2);
        grid.add(problem, 1, 3);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setId("quiet-hours-dialog");
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        ButtonType off = new ButtonType("No quiet hours", ButtonBar.ButtonData.OTHER);
        dialog.getDialogPane().getButtonTypes().addAll(save, off, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(save).setId("quiet-save");
        dialog.getDialogPane().lookupButton(save).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String why = check(from.getText(), to.getText());
            problem.setText(why == null ? "" : why);
            if (why != null) {
                e.consume(); // stays open with the message
            }
        });
        dialog.setResultConverter(button -> {
            if (button == save) {
                return new QuietHours(LocalTime.parse(from.getText().strip()), LocalTime.parse(to.getText().strip()),
                        errors.isSelected());
            }
            if (button == off) {
                return new QuietHours(null, null, errors.isSelected());
            }
            return null;
        });
        return dialog.showAndWait();
    }

    /** Why these times will not do, or null. */
    static String check(String from, String to) {
        try {
            LocalTime start = LocalTime.parse(from.strip());
            LocalTime end = LocalTime.parse(to.strip());
            return start.equals(end) ? "Give two different times." : null;
        } catch (DateTimeParseException e) {
            return "Give times as hours and minutes, such as 22:00 and 07:30.";
        }
    }
}

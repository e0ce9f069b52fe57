package app.belfry.ui;

import app.belfry.model.NotificationType;
import app.belfry.persist.Preferences;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Preferences, in one place: do-not-disturb, quiet hours (and whether errors break through), per notification type
 * whether it pops up and plays a sound, and how many notifications to keep. Every choice is kept in
 * {@code settings.json}.
 */
final class PreferencesDialog {

    /** The most notifications Belfry keeps (and searches). */
    static final int MOST_KEPT = 10_000;

    private PreferencesDialog() {
    }

    static Optional<Preferences> ask(Window owner, Preferences current) {
        Dialog<Preferences> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Preferences");
        dialog.setHeaderText(null);

        CheckBox doNotDisturb = new CheckBox("Do not disturb (no popups or sounds)");
        doNotDisturb.setId("pref-do-not-disturb");
        doNotDisturb.setSelected(current.doNotDisturb());
        TextField from = new TextField(current.quietFrom() == null ? "" : current.quietFrom().toString());
        from.setId("pref-quiet-from");
        from.setPromptText("22:00");
        TextField to = new TextField(current.quietTo() == null ? "" : current.quietTo().toString());
        to.setId("pref-quiet-to");
        to.setPromptText("07:00");
        CheckBox errors = new CheckBox("Errors pop up and sound all the same");
        errors.setId("pref-errors");
        errors.setSelected(current.errorsBreakThrough());

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        int row = 0;
        grid.add(doNotDisturb, 0, row++, 3, 1);
        grid.add(heading("Quiet hours (leave empty for none)"), 0, row++, 3, 1);
        grid.addRow(row++, new Label("From"), from);
        grid.addRow(row++, new Label("To"), to);
        grid.add(errors, 0, row++, 3, 1);
        grid.add(heading("Per type"), 0, row, 1, 1);
        grid.add(new Label("Pop up"), 1, row);
        grid.add(new Label("Sound"), 2, row++);
        Map<NotificationType, CheckBox> popUp = new EnumMap<>(NotificationType.class);
        Map<NotificationType, CheckBox> sound = new EnumMap<>(NotificationType.class);
        for (NotificationType type : NotificationType.values()) {
            String name = type.wireName();
            CheckBox pops = new CheckBox();
            pops.setId("pref-popup-" + name);
            pops.setSelected(current.popupTypes().contains(type));
            pops.setAccessibleText("Pop up for " + name);
            CheckBox sounds = new CheckBox();
            sounds.setId("pref-sound-" + name);
            sounds.setSelected(current.soundTypes().contains(type));
            sounds.setAccessibleText("Sound for " + name);
            popUp.put(type, pops);
            sound.put(type, sounds);
            grid.addRow(row++, new Label(Character.toUpperCase(name.charAt(0)) + name.substring(1)), pops, sounds);
        }
        TextField keep = new TextField(Integer.toString(current.keep()));
        keep.setId("pref-keep");
        keep.setPrefColumnCount(6);
        grid.add(heading("History"), 0, row++, 3, 1);
        grid.addRow(row++, new Label("Keep"), keep, new Label("notifications (from the next start)"));

        Label problem = new Label();
        problem.setId("pref-error");
        problem.getStyleClass().add("login-error");
        grid.add(problem, 0, row, 3, 1);

        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setId("preferences-dialog");
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(save).setId("pref-save");
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("pref-cancel");
        dialog.getDialogPane().lookupButton(save).addEventFilter(ActionEvent.ACTION, e -> {
            String why = from.getText().isBlank() && to.getText().isBlank() ? null
                    : checkQuietHours(from.getText(), to.getText());
            if (why == null && keepOf(keep.getText()) == 0) {
                why = "Keep from 1 to " + MOST_KEPT + " notifications.";
            }
            problem.setText(why == null ? "" : why);
            if (why != null) {
                e.consume(); // stays open with the message
            }
        });
        dialog.setResultConverter(button -> {
            if (button != save) {
                return null;
            }
            boolean none = from.getText().isBlank() && to.getText().isBlank();
            return new Preferences(doNotDisturb.isSelected(), none ? null : LocalTime.parse(from.getText().strip()),
                    none ? null : LocalTime.parse(to.getText().strip()), errors.isSelected(), keepOf(keep.getText()),
                    chosen(popUp), chosen(sound), current.language());
        });
        return dialog.showAndWait();
    }

    /** Why these quiet hours will not do, or null. */
    static String checkQuietHours(String from, String to) {
        try {
            LocalTime start = LocalTime.parse(from.strip());
            LocalTime end = LocalTime.parse(to.strip());
            return start.equals(end) ? "Give two different times." : null;
        } catch (java.time.format.DateTimeParseException e) {
            return "Give times as hours and minutes, such as 22:00 and 07:30.";
        }
    }

    /** The number typed, or 0 when it is not one from 1 to {@link #MOST_KEPT}. */
    static int keepOf(String text) {
        try {
            int value = Integer.parseInt(text.strip().replace(",", ""));
            return value >= 1 && value <= MOST_KEPT ? value : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("preferences-heading");
        return label;
    }

    private static Set<NotificationType> chosen(Map<NotificationType, CheckBox> boxes) {
        Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
        boxes.forEach((type, box) -> {
            if (box.isSelected()) {
                types.add(type);
            }
        });
        return types;
    }
}

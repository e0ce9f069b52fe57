package app.belfry.ui;

import app.belfry.i18n.Texts;
import app.belfry.model.NotificationType;
import app.belfry.model.Preferences;
import app.belfry.model.Theme;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Preferences, in one place: start at login, do-not-disturb, quiet hours (and whether errors break through), per notification type
 * whether it pops up and plays a sound, how many notifications to keep, the theme and the language. Every choice is kept in
 * {@code settings.json}.
 */
final class PreferencesDialog {

    /** The most notifications Belfry keeps (and searches). */
    static final int MOST_KEPT = 10_000;

    private PreferencesDialog() {
    }

    static Optional<Preferences> ask(Window owner, Preferences current, StartAtLogin startAtLogin) {
        Dialog<Preferences> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(Texts.text("prefs.title"));
        dialog.setHeaderText(null);

        CheckBox doNotDisturb = new CheckBox(Texts.text("prefs.doNotDisturb"));
        doNotDisturb.setId("pref-do-not-disturb");
        doNotDisturb.setSelected(current.doNotDisturb());
        TextField from = new TextField(current.quietFrom() == null ? "" : current.quietFrom().toString());
        from.setId("pref-quiet-from");
        from.setPromptText("22:00");
        TextField to = new TextField(current.quietTo() == null ? "" : current.quietTo().toString());
        to.setId("pref-quiet-to");
        to.setPromptText("07:00");
        CheckBox errors = new CheckBox(Texts.text("prefs.errors"));
        errors.setId("pref-errors");
        errors.setSelected(current.errorsBreakThrough());

        CheckBox atLogin = new CheckBox(Texts.text("prefs.startAtLogin"));
        atLogin.setId("pref-start-at-login");
        atLogin.setSelected(startAtLogin.isOn());
        atLogin.setDisable(!startAtLogin.installed());
        Label atLoginWhy = new Label(startAtLogin.installed() ? "" : Texts.text("autostart.needsInstalled"));
        atLoginWhy.getStyleClass().add("preferences-note");
        atLoginWhy.setWrapText(true);
        atLoginWhy.setMaxWidth(420);
        atLoginWhy.setVisible(!startAtLogin.installed());
        atLoginWhy.setManaged(!startAtLogin.installed());

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        int row = 0;
        grid.add(atLogin, 0, row++, 3, 1);
        grid.add(atLoginWhy, 0, row++, 3, 1);
        grid.add(doNotDisturb, 0, row++, 3, 1);
        grid.add(heading(Texts.text("prefs.quietHours")), 0, row++, 3, 1);
        grid.addRow(row++, new Label(Texts.text("prefs.from")), from);
        grid.addRow(row++, new Label(Texts.text("prefs.to")), to);
        grid.add(errors, 0, row++, 3, 1);
        grid.add(heading(Texts.text("prefs.perType")), 0, row, 1, 1);
        grid.add(new Label(Texts.text("prefs.popUp")), 1, row);
        grid.add(new Label(Texts.text("prefs.sound")), 2, row++);
        Map<NotificationType, CheckBox> popUp = new EnumMap<>(NotificationType.class);
        Map<NotificationType, CheckBox> sound = new EnumMap<>(NotificationType.class);
        for (NotificationType type : NotificationType.values()) {
            String name = type.wireName();
            CheckBox pops = new CheckBox();
            pops.setId("pref-popup-" + name);
            pops.setSelected(current.popupTypes().contains(type));
            pops.setAccessibleText(Texts.format("prefs.popUp.accessible", Texts.text("type." + name)));
            CheckBox sounds = new CheckBox();
            sounds.setId("pref-sound-" + name);
            sounds.setSelected(current.soundTypes().contains(type));
            sounds.setAccessibleText(Texts.format("prefs.sound.accessible", Texts.text("type." + name)));
            popUp.put(type, pops);
            sound.put(type, sounds);
            grid.addRow(row++, new Label(Texts.text("type." + name)), pops, sounds);
        }
        TextField keep = new TextField(Integer.toString(current.keep()));
        keep.setId("pref-keep");
        keep.setPrefColumnCount(6);
        grid.add(heading(Texts.text("prefs.history")), 0, row++, 3, 1);
        grid.addRow(row++, new Label(Texts.text("prefs.keep")), keep, new Label(Texts.text("prefs.keep.after")));

        ComboBox<String> language = new ComboBox<>();
        language.setId("pref-language");
        language.getItems().add(null);
        language.getItems().addAll(Texts.SPOKEN);
        // Each language by its own name, as a user who does not read the current one looks for it.
        language.setConverter(ShownAs.shownAs(tag -> tag == null ? Texts.text("prefs.language.system")
                : capitalised(Locale.forLanguageTag(tag).getDisplayLanguage(Locale.forLanguageTag(tag)))));
        language.setValue(current.language());
        ComboBox<Theme> theme = new ComboBox<>();
        theme.setId("pref-theme");
        theme.getItems().addAll(Theme.SYSTEM, Theme.LIGHT, Theme.DARK);
        theme.setConverter(ShownAs.shownAs(value -> value == null ? ""
                : Texts.text("prefs.theme." + value.wireName())));
        theme.setValue(current.theme());
        theme.setAccessibleText(Texts.text("prefs.theme"));
        language.setAccessibleText(Texts.text("prefs.language"));
        grid.add(heading(Texts.text("prefs.theme")), 0, row++, 3, 1);
        grid.add(theme, 0, row++, 2, 1);
        grid.add(heading(Texts.text("prefs.language")), 0, row++, 3, 1);
        grid.add(language, 0, row, 2, 1);
        grid.add(new Label(Texts.text("prefs.language.after")), 2, row++);

        Label problem = new Label();
        problem.setId("pref-error");
        problem.getStyleClass().add("login-error");
        grid.add(problem, 0, row, 3, 1);

        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setId("preferences-dialog");
        dialog.getDialogPane().getStylesheets().add(MainWindow.STYLESHEET);
        ButtonType save = new ButtonType(Texts.text("prefs.save"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(Texts.text("prefs.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(save, cancel);
        dialog.getDialogPane().lookupButton(save).setId("pref-save");
        dialog.getDialogPane().lookupButton(cancel).setId("pref-cancel");
        dialog.getDialogPane().lookupButton(save).addEventFilter(ActionEvent.ACTION, e -> {
            String why = from.getText().isBlank() && to.getText().isBlank() ? null
                    : checkQuietHours(from.getText(), to.getText());
            if (why == null && keepOf(keep.getText()) == 0) {
                why = Texts.format("prefs.badKeep", MOST_KEPT);
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
            if (atLogin.isSelected() != startAtLogin.isOn()) {
                startAtLogin.turn(atLogin.isSelected());
            }
            boolean none = from.getText().isBlank() && to.getText().isBlank();
            return new Preferences(doNotDisturb.isSelected(), none ? null : LocalTime.parse(from.getText().strip()),
                    none ? null : LocalTime.parse(to.getText().strip()), errors.isSelected(), keepOf(keep.getText()),
                    chosen(popUp), chosen(sound), language.getValue(), theme.getValue());
        });
        return dialog.showAndWait();
    }

    /** Why these quiet hours will not do, or null. */
    static String checkQuietHours(String from, String to) {
        try {
            LocalTime start = LocalTime.parse(from.strip());
            LocalTime end = LocalTime.parse(to.strip());
            return start.equals(end) ? Texts.text("prefs.sameTimes") : null;
        } catch (java.time.format.DateTimeParseException e) {
            return Texts.text("prefs.badTimes");
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

    private static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
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

package app.belfry.ui;

import app.belfry.model.Theme;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Belfry's theme in every window it opens. {@code belfry.css} names the palette twice: light on {@code .root}, dark
 * on {@code .root.dark}; this puts the style class {@code dark} on the root of the main window and of every window
 * it owns (dialogs, menus, tooltips, the dropdown, Belfry's own popups) while the theme is dark, and takes it off
 * when it is light. One class on the main scene would not be enough: a popup copies its owner's stylesheets but has
 * a root of its own, which matches {@code .root} and would bring the light palette back inside it. A dialog's window
 * does not even copy the stylesheets, so a window that lacks Belfry's stylesheet gets it here too.
 *
 * <p>What is dark: {@link #chosenProperty} says {@link Theme#DARK}, or {@link Theme#SYSTEM} (the default) while
 * {@link #systemDarkProperty} is true, which the app keeps up to date from the system's setting. FX thread only.
 */
public final class Appearance implements AutoCloseable {

    /** The style class on a window's root that turns the palette dark. */
    public static final String DARK = "dark";

    private final Window main;
    private final ObjectProperty<Theme> chosen = new SimpleObjectProperty<>(this, "chosen", Theme.SYSTEM);
    private final BooleanProperty systemDark = new SimpleBooleanProperty(this, "systemDark");
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark");
    /** A window that opens (or opens again) gets the theme before its first frame. */
    private final ListChangeListener<Window> opened = change -> {
        while (change.next()) {
            change.getAddedSubList().forEach(this::applyIfOurs);
        }
    };

    /** Themes {@code main} (its scene now, and any scene it is given) and every window it owns from now on. */
    public Appearance(Window main) {
        this.main = main;
        dark.bind(Bindings.createBooleanBinding(
                () -> chosen.get() == Theme.DARK || chosen.get() == Theme.SYSTEM && systemDark.get(),
                chosen, systemDark));
        dark.addListener((o, was, now) -> {
            if (main.getScene() != null) {
                apply(main.getScene()); // also while it is hidden in the tray
            }
            Window.getWindows().forEach(this::applyIfOurs);
        });
        main.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                apply(scene);
            }
        });
        if (main.getScene() != null) {
            apply(main.getScene());
        }
        Window.getWindows().addListener(opened);
    }

    /** The user's choice; {@link Theme#SYSTEM} until told otherwise. */
    public ObjectProperty<Theme> chosenProperty() {
        return chosen;
    }

    /** Whether the system is set to dark: what {@link Theme#SYSTEM} follows. */
    public BooleanProperty systemDarkProperty() {
        return systemDark;
    }

    /** Whether Belfry is dark now, from the choice and the system's setting. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    public boolean isDark() {
        return dark.get();
    }

    /** Gives a scene Belfry's stylesheet, if it lacks it, and the palette of the theme now. */
    public void apply(Scene scene) {
        if (!scene.getStylesheets().contains(MainWindow.STYLESHEET)) {
            scene.getStylesheets().add(MainWindow.STYLESHEET);
        }
        ObservableList<String> classes = scene.getRoot().getStyleClass();
        if (!dark.get()) {
            classes.remove(DARK);
        } else if (!classes.contains(DARK)) {
            classes.add(DARK);
        }
    }

    /** Stops theming the windows that open from now on (Belfry ends; tests open many). */
    @Override
    public void close() {
        Window.getWindows().removeListener(opened);
    }

    private void applyIfOurs(Window window) {
        if (window.getScene() != null && ownedByMain(window)) {
            apply(window.getScene());
        }
    }

    private boolean ownedByMain(Window window) {
        for (Window w = window; w != null; w = owner(w)) {
            if (w == main) {
                return true;
            }
        }
        return false;
    }

    private static Window owner(Window window) {
        if (window instanceof PopupWindow popup) {
            return popup.getOwnerWindow();
        }
        return window instanceof Stage stage ? stage.getOwner() : null;
    }
}

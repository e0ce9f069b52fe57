package app.belfry.ui;

import app.belfry.i18n.Texts;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Skin;

/**
 * The guide's {@code NotificationBell} button: a bell, a red badge with the unread count ("9+" above nine), and a
 * dot that is green while connected. A Button, so clicking, focus and Enter/Space behave as any button; its look
 * is {@link NotificationBellSkin} and {@code belfry.css}.
 */
public final class NotificationBell extends Button {

    private final IntegerProperty unreadCount = new SimpleIntegerProperty(this, "unreadCount");
    private final BooleanProperty connected = new SimpleBooleanProperty(this, "connected");

    public NotificationBell() {
        setId("bell-button");
        getStyleClass().setAll("notification-bell");
        // The guide's aria-label, for screen readers.
        accessibleTextProperty().bind(Bindings.createStringBinding(() -> Texts.format("bell.accessible",
                unreadCount.get()), unreadCount));
        setFocusTraversable(true);
    }

    public IntegerProperty unreadCountProperty() {
        return unreadCount;
    }

    public BooleanProperty connectedProperty() {
        return connected;
    }

    public boolean isConnected() {
        return connected.get();
    }

    /** The badge's text: the count, "9+" above nine, empty at zero. */
    public static String badgeText(int count) {
        return count <= 0 ? "" : count > 9 ? "9+" : Integer.toString(count);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new NotificationBellSkin(this);
    }
}

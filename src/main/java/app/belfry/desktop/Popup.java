package app.belfry.desktop;

import app.belfry.model.NotificationType;
import java.util.Objects;

/**
 * One native popup.
 *
 * @param title the popup's first line, plain text
 * @param body the text under it, plain text (a sink escapes whatever its service would read as markup)
 * @param type the notification's type, or null for a summary popup ("12 new notifications while you were away")
 * @param notificationId the notification to open on a click, or null when a click should just open the window
 * @param sound whether the popup asks the notification service for its sound ({@link PopupSink#playsSounds})
 */
public record Popup(String title, String body, NotificationType type, String notificationId, boolean sound) {

    public Popup {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }

    /** A silent popup. */
    public Popup(String title, String body, NotificationType type, String notificationId) {
        this(title, body, type, notificationId, false);
    }

    /** The same popup, which plays the desktop's sound where its notification service can. */
    public Popup withSound() {
        return new Popup(title, body, type, notificationId, true);
    }

    public boolean isSummary() {
        return type == null;
    }

    /** A popup that stands for many notifications: a click opens the window. */
    public static Popup summary(String title, String body) {
        return new Popup(title, body, null, null);
    }
}

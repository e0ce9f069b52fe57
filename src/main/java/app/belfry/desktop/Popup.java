package app.belfry.desktop;

import app.belfry.model.NotificationType;

/**
 * One popup to show.
 *
 * @param type the notification's type, or null for a summary ("12 new notifications while you were away")
 * @param notificationId what clicking it opens, or null (a summary opens the window)
 */
public record Popup(String title, String body, NotificationType type, String notificationId) {

    public boolean isSummary() {
        return type == null;
    }
}

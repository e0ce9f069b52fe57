package app.belfry.net;

import app.belfry.model.ConnectionStatus;
import app.belfry.model.Notification;
import app.belfry.model.SocketError;

/**
 * What the notification service hands upward (the guide's {@code onNotification}, {@code onNotificationUpdated},
 * {@code onError}, plus the connection's status). Called one at a time, in the order the server sent them, on the
 * socket's event thread or (notifications) its reading thread: the receiver must be thread-safe and hand over to
 * its own thread.
 */
public interface NotificationEvents {

    void onNotification(Notification notification);

    void onNotificationUpdated(Notification notification);

    void onError(SocketError error);

    void onStatus(ConnectionStatus status);
}

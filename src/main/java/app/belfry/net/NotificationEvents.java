package app.belfry.net;

import app.belfry.model.ConnectionStatus;
import app.belfry.model.Notification;
import app.belfry.model.SocketError;

/**
 * What the notification service hands upward (the guide's {@code onNotification}, {@code onNotificationUpdated},
 * {@code onError}, plus the connection's status). Called on the socket's event thread: the receiver hands over to
 * its own thread.
 */
public interface NotificationEvents {

    void onNotification(Notification notification);

    void onNotificationUpdated(Notification notification);

    void onError(SocketError error);

    void onStatus(ConnectionStatus status);
}

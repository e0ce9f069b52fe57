package app.belfry.session;

import app.belfry.model.ConnectionStatus;
import app.belfry.model.Notification;
import app.belfry.model.SocketError;
import app.belfry.net.NotificationEvents;
import app.belfry.store.NotificationStore;

/**
 * The store as one session's socket sees it: closed when the session ends, at once, so that nothing of it can
 * reach the store afterwards, whatever its threads still do (a stalled event thread, a frame under way).
 */
final class SessionGate implements NotificationEvents {
    private final NotificationStore store;
    private volatile boolean open = true;

    SessionGate(NotificationStore store) {
        this.store = store;
    }

    void close() {
        open = false;
    }

    @Override
    public void onNotification(Notification notification) {
        if (open) {
            store.onNotification(notification);
        }
    }

    @Override
    public void onNotificationUpdated(Notification notification) {
        if (open) {
            store.onNotificationUpdated(notification);
        }
    }

    @Override
    public void onError(SocketError error) {
        if (open) {
            store.onError(error);
        }
    }

    @Override
    public void onStatus(ConnectionStatus status) {
        if (open) {
            store.onStatus(status);
        }
    }
}

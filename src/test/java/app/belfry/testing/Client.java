package app.belfry.testing;

import app.belfry.model.NotificationCodec;
import app.belfry.model.ActionJournal;
import app.belfry.net.ConnectionOptions;
import app.belfry.net.Credentials;
import app.belfry.net.NotificationService;
import app.belfry.net.SocketConnection;
import app.belfry.store.NotificationStore;
import java.util.function.UnaryOperator;

/**
 * One Belfry client core as the app wires it (connection, service, store), on a test store thread, with quick
 * reconnection so that tests do not wait on the guide's 1-5 s delays.
 */
public final class Client implements AutoCloseable {

    public final StoreThread thread = new StoreThread();
    public final SocketConnection connection;
    public final NotificationService service;
    public final NotificationStore store;

    public Client(String serverUrl, int maxNotifications, UnaryOperator<ConnectionOptions> tune, ActionJournal journal) {
        ConnectionOptions options = tune.apply(ConnectionOptions.defaults(serverUrl)
                .withReconnection(true, 5, 100, 500));
        connection = new SocketConnection(options);
        store = new NotificationStore(thread.executor(), maxNotifications);
        service = new NotificationService(connection, new NotificationCodec(), journal, store, store::newestCreatedAt);
        store.bind(service);
    }

    public Client(String serverUrl, int maxNotifications, UnaryOperator<ConnectionOptions> tune) {
        this(serverUrl, maxNotifications, tune, ActionJournal.IN_MEMORY);
    }

    public Client(String serverUrl) {
        this(serverUrl, NotificationStore.DEFAULT_MAX_NOTIFICATIONS, o -> o);
    }

    public Client connect(Credentials credentials) {
        service.connect(credentials);
        return this;
    }

    public void awaitConnected() {
        thread.await(store, "connected", NotificationStore::isConnectedNow);
    }

    public int unread() {
        return thread.call(store, NotificationStore::unreadCount);
    }

    public int size() {
        return thread.call(store, s -> s.notifications().size());
    }

    public java.util.List<String> titles() {
        return thread.call(store, s -> s.notifications().stream().map(app.belfry.model.Notification::title).toList());
    }

    public app.belfry.model.SocketError error() {
        return thread.call(store, s -> s.errorProperty().get());
    }

    public boolean connected() {
        return thread.call(store, NotificationStore::isConnectedNow);
    }

    public app.belfry.model.Notification first() {
        return thread.call(store, s -> s.notifications().get(0));
    }

    @Override
    public void close() {
        connection.close();
        thread.close();
    }
}

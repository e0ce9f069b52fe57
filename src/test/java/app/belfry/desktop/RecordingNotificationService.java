package app.belfry.desktop;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A notification service that shows nothing: it keeps every {@code Notify} call, answers with ids 1, 2, 3, ... and
 * emits the signals that a test asks for, on a connection of its own to the bus.
 */
final class RecordingNotificationService implements FreedesktopNotifications, AutoCloseable {

    /** One {@code Notify} call as it arrived on the bus. */
    record NotifyCall(long id, String appName, long replacesId, String appIcon, String summary, String body,
            List<String> actions, Map<String, Variant<?>> hints, int expireTimeout) {

        Object hint(String key) {
            Variant<?> value = hints.get(key);
            return value == null ? null : value.getValue();
        }
    }

    private final BlockingQueue<NotifyCall> calls = new LinkedBlockingQueue<>();
    private final AtomicLong lastId = new AtomicLong();
    private final DBusConnection connection;

    private RecordingNotificationService(DBusConnection connection) {
        this.connection = connection;
    }

    /** Exports the service at its path and takes its well-known name on the bus at that address. */
    static RecordingNotificationService exportOn(String address) throws DBusException {
        DBusConnection connection = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        RecordingNotificationService service = new RecordingNotificationService(connection);
        connection.exportObject(OBJECT_PATH, service);
        connection.requestBusName(BUS_NAME);
        return service;
    }

    BlockingQueue<NotifyCall> calls() {
        return calls;
    }

    void emitActionInvoked(long id, String actionKey) throws DBusException {
        connection.sendMessage(new ActionInvoked(OBJECT_PATH, new UInt32(id), actionKey));
    }

    void emitNotificationClosed(long id, long reason) throws DBusException {
        connection.sendMessage(new NotificationClosed(OBJECT_PATH, new UInt32(id), new UInt32(reason)));
    }

    @Override
    public UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
            List<String> actions, Map<String, Variant<?>> hints, int expireTimeout) {
        long id = lastId.incrementAndGet();
        calls.add(new NotifyCall(id, appName, replacesId.longValue(), appIcon, summary, body, List.copyOf(actions),
                Map.copyOf(hints), expireTimeout));
        return new UInt32(id);
    }

    @Override
    public List<String> GetCapabilities() {
        return List.of("actions", "body", "body-markup", "sound");
    }

    @Override
    public ServerInformation<String, String, String, String> GetServerInformation() {
        return new ServerInformation<>("recorder", "Belfry tests", "1.0", "1.2");
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}

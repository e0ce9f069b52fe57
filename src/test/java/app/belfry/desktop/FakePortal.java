package app.belfry.desktop;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.errors.UnknownMethod;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A desktop portal that keeps one setting, {@code org.freedesktop.appearance color-scheme}, on a connection of its
 * own to the bus, under the portal's name and path: as today's portal ({@link #exportOn}, {@code ReadOne} and
 * {@code Read}) or as one before version 2 ({@link #exportOldOn}, whose {@code ReadOne} answers the bus's
 * {@code UnknownMethod} error; a second Java interface of the same D-Bus name would confuse dbus-java, which maps
 * the name to one class per JVM). {@link #change} sets the value and sends {@code SettingChanged}, as the portal does.
 */
final class FakePortal implements AutoCloseable {

    private final DBusConnection connection;
    private volatile long colorScheme;

    private FakePortal(DBusConnection connection, long colorScheme) {
        this.connection = connection;
        this.colorScheme = colorScheme;
    }

    static FakePortal exportOn(String address, long colorScheme) throws DBusException {
        return export(address, colorScheme, true);
    }

    /** An older portal: {@code Read} only. */
    static FakePortal exportOldOn(String address, long colorScheme) throws DBusException {
        return export(address, colorScheme, false);
    }

    private static FakePortal export(String address, long colorScheme, boolean hasReadOne) throws DBusException {
        FakePortal portal = connect(address, colorScheme);
        portal.export(new PortalSettings() {
            @Override
            public Variant<?> ReadOne(String namespace, String key) {
                if (!hasReadOne) {
                    // What the bus answers for a method the object does not have.
                    throw new UnknownMethod("No such method \u201cReadOne\u201d");
                }
                return portal.value(namespace, key);
            }

            @Override
            public Variant<?> Read(String namespace, String key) {
                return new Variant<>(portal.value(namespace, key), "v");
            }

            @Override
            public String getObjectPath() {
                return PortalSettings.OBJECT_PATH;
            }
        });
        return portal;
    }

    private static FakePortal connect(String address, long colorScheme) throws DBusException {
        return new FakePortal(DBusConnectionBuilder.forAddress(address).withShared(false).build(), colorScheme);
    }

    private void export(DBusInterface settings) throws DBusException {
        connection.exportObject(PortalSettings.OBJECT_PATH, settings);
        connection.requestBusName(PortalSettings.BUS_NAME);
    }

    private Variant<?> value(String namespace, String key) {
        if (!PortalColorScheme.NAMESPACE.equals(namespace) || !PortalColorScheme.KEY.equals(key)) {
            throw new DBusExecutionException("Requested setting not found");
        }
        return new Variant<>(new UInt32(colorScheme));
    }

    /** The user picks another scheme: 0 no preference, 1 dark, 2 light. */
    void change(long value) throws DBusException {
        colorScheme = value;
        emit(PortalColorScheme.NAMESPACE, PortalColorScheme.KEY, new Variant<>(new UInt32(value)));
    }

    /** Any setting's change, as the portal sends them all. */
    void emit(String namespace, String key, Variant<?> value) throws DBusException {
        connection.sendMessage(new PortalSettings.SettingChanged(PortalSettings.OBJECT_PATH, namespace, key, value));
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}

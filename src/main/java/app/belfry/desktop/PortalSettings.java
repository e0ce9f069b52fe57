package app.belfry.desktop;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/**
 * The XDG desktop portal's settings, as much as Belfry reads of them: the method and signal names are the D-Bus
 * member names, hence their capitals. Public because dbus-java reaches these types by reflection from its own
 * package.
 */
@DBusInterfaceName("org.freedesktop.portal.Settings")
public interface PortalSettings extends DBusInterface {

    /** The portal's well-known name on the session bus, and the object that carries its interfaces. */
    String BUS_NAME = "org.freedesktop.portal.Desktop";
    String OBJECT_PATH = "/org/freedesktop/portal/desktop";

    /** One setting's value (the portal's version 2 and later). */
    Variant<?> ReadOne(String namespace, String key);

    /** The same, as the portal's first version answers it: the value wrapped in one more variant. Deprecated there. */
    Variant<?> Read(String namespace, String key);

    /** A setting has changed: sent for every namespace, to everyone listening. */
    final class SettingChanged extends DBusSignal {
        private final String namespace;
        private final String key;
        private final Variant<?> value;

        public SettingChanged(String path, String namespace, String key, Variant<?> value) throws DBusException {
            super(path, namespace, key, value);
            this.namespace = namespace;
            this.key = key;
            this.value = value;
        }

        public String namespace() {
            return namespace;
        }

        public String key() {
            return key;
        }

        public Variant<?> value() {
            return value;
        }
    }
}

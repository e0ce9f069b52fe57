package app.belfry.desktop;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The part of the freedesktop Desktop Notifications interface that Belfry uses, as dbus-java binds it: the method
 * and signal names are the D-Bus member names, hence their capitals. Public because dbus-java reaches these types by
 * reflection from its own package.
 */
@DBusInterfaceName(FreedesktopNotifications.INTERFACE)
public interface FreedesktopNotifications extends DBusInterface {

    String INTERFACE = "org.freedesktop.Notifications";
    /** The well-known bus name of the service, the same as its interface's. */
    String BUS_NAME = "org.freedesktop.Notifications";
    String OBJECT_PATH = "/org/freedesktop/Notifications";

    /** Signature {@code susssasa{sv}i}, returns the id that the service gave the popup (never 0). */
    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, List<String> actions,
            Map<String, Variant<?>> hints, int expireTimeout);

    /** "actions", "body", "body-markup", ... */
    List<String> GetCapabilities();

    ServerInformation<String, String, String, String> GetServerInformation();

    /**
     * The reply of {@code GetServerInformation}, {@code (ssss)}: name, vendor, version, spec version. Generic only
     * because dbus-java reads the D-Bus types of a tuple from its type arguments.
     */
    final class ServerInformation<N, V, R, S> extends Tuple {
        @Position(0)
        private final N name;
        @Position(1)
        private final V vendor;
        @Position(2)
        private final R version;
        @Position(3)
        private final S specVersion;

        public ServerInformation(N name, V vendor, R version, S specVersion) {
            this.name = name;
            this.vendor = vendor;
            this.version = version;
            this.specVersion = specVersion;
        }

        public N name() {
            return name;
        }

        public V vendor() {
            return vendor;
        }

        public R version() {
            return version;
        }

        public S specVersion() {
            return specVersion;
        }
    }

    /** The user chose an action of a popup: "default" is a click on the popup itself. */
    final class ActionInvoked extends DBusSignal {
        private final UInt32 id;
        private final String actionKey;

        public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
            super(path, id, actionKey);
            this.id = id;
            this.actionKey = actionKey;
        }

        public UInt32 id() {
            return id;
        }

        public String actionKey() {
            return actionKey;
        }
    }

    /** A popup is gone: expired (1), dismissed (2), closed by a call (3) or for another reason (4). */
    final class NotificationClosed extends DBusSignal {
        private final UInt32 id;
        private final UInt32 reason;

        public NotificationClosed(String path, UInt32 id, UInt32 reason) throws DBusException {
            super(path, id, reason);
            this.id = id;
            this.reason = reason;
        }

        public UInt32 id() {
            return id;
        }

        public UInt32 reason() {
            return reason;
        }
    }
}

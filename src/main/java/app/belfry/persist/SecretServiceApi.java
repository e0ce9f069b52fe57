package app.belfry.persist;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * The part of the freedesktop Secret Service API that Belfry uses, as dbus-java binds it: the method names are the
 * D-Bus member names, hence their capitals. Public because dbus-java reaches these types by reflection from its own
 * package.
 */
public final class SecretServiceApi {

    public static final String BUS_NAME = "org.freedesktop.secrets";
    public static final String SERVICE_PATH = "/org/freedesktop/secrets";
    public static final String DEFAULT_ALIAS_PATH = "/org/freedesktop/secrets/aliases/default";
    /** A path that names no object: "no prompt needed", "no such alias". */
    public static final String NO_OBJECT = "/";
    public static final String ITEM_INTERFACE = "org.freedesktop.Secret.Item";
    public static final String COLLECTION_INTERFACE = "org.freedesktop.Secret.Collection";

    private SecretServiceApi() {
    }

    @DBusInterfaceName("org.freedesktop.Secret.Service")
    public interface Service extends DBusInterface {

        /** Returns the algorithm's output ("" for plain) and the session's path. */
        Pair<Variant<?>, DBusPath> OpenSession(String algorithm, Variant<?> input);

        /** Returns the unlocked items and the locked ones. */
        Pair<List<DBusPath>, List<DBusPath>> SearchItems(Map<String, String> attributes);

        /** Returns what was unlocked without asking, and a prompt ("/" when none is needed). */
        Pair<List<DBusPath>, DBusPath> Unlock(List<DBusPath> objects);

        /** The collection under that alias, "/" when there is none. */
        DBusPath ReadAlias(String name);
    }

    @DBusInterfaceName(COLLECTION_INTERFACE)
    public interface Collection extends DBusInterface {

        /** Returns the new item and a prompt ("/" when none is needed). */
        Pair<DBusPath, DBusPath> CreateItem(Map<String, Variant<?>> properties, Secret secret, boolean replace);
    }

    @DBusInterfaceName(ITEM_INTERFACE)
    public interface Item extends DBusInterface {

        /** Returns a prompt, "/" when none is needed. */
        DBusPath Delete();

        Secret GetSecret(DBusPath session);
    }

    @DBusInterfaceName("org.freedesktop.Secret.Session")
    public interface Session extends DBusInterface {

        void Close();
    }

    /**
     * {@code (oayays)}: the session, the algorithm's parameters, the value, its content type. Never log one: dbus-java's
     * {@code toString}, which cannot be overridden, prints the value.
     */
    public static final class Secret extends Struct {
        @Position(0)
        private final DBusPath session;
        @Position(1)
        private final byte[] parameters;
        @Position(2)
        private final byte[] value;
        @Position(3)
        private final String contentType;

        public Secret(DBusPath session, byte[] parameters, byte[] value, String contentType) {
            this.session = session;
            this.parameters = parameters;
            this.value = value;
            this.contentType = contentType;
        }

        public DBusPath session() {
            return session;
        }

        public byte[] parameters() {
            return parameters;
        }

        public byte[] value() {
            return value;
        }

        public String contentType() {
            return contentType;
        }
    }

    /** A reply of two values. Generic only because dbus-java reads the D-Bus types of a tuple from its arguments. */
    public static final class Pair<A, B> extends Tuple {
        @Position(0)
        private final A first;
        @Position(1)
        private final B second;

        public Pair(A first, B second) {
            this.first = first;
            this.second = second;
        }

        public A first() {
            return first;
        }

        public B second() {
            return second;
        }
    }
}

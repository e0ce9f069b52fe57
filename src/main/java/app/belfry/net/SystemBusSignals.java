package app.belfry.net;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;

/**
 * What Linux's system bus says about sleep and the network, for a {@link NetworkWatch}: logind's
 * {@code PrepareForSleep(false)} when the machine has woken, and NetworkManager's {@code StateChanged} when the
 * network comes or goes. They arrive sooner than the watch's own checks notice the same; where the bus or either
 * service is missing (a container, another network manager), the checks alone do the work.
 *
 * <p>Threads: dbus-java calls the handlers on the connection's one signal thread, a daemon, which ends with
 * {@link #close}.
 */
public final class SystemBusSignals implements AutoCloseable {

    /** The system bus's usual address, where {@code DBUS_SYSTEM_BUS_ADDRESS} names none. */
    static final String DEFAULT_ADDRESS = "unix:path=/var/run/dbus/system_bus_socket";

    private static final System.Logger LOG = System.getLogger(SystemBusSignals.class.getName());

    /** logind's manager: its signal names are D-Bus member names, hence the capitals. */
    @DBusInterfaceName("org.freedesktop.login1.Manager")
    public interface Login1Manager extends DBusInterface {

        String OBJECT_PATH = "/org/freedesktop/login1";

        /** {@code true} as the machine goes to sleep, {@code false} when it has woken. */
        final class PrepareForSleep extends DBusSignal {
            private final boolean start;

            public PrepareForSleep(String path, boolean start) throws DBusException {
                super(path, start);
                this.start = start;
            }

            public boolean start() {
                return start;
            }
        }
    }

    /** NetworkManager's root object. */
    @DBusInterfaceName("org.freedesktop.NetworkManager")
    public interface NetworkManager extends DBusInterface {

        String OBJECT_PATH = "/org/freedesktop/NetworkManager";

        /** Its overall state: 70 is connected with full connectivity, 20 disconnected, and so on. */
        final class StateChanged extends DBusSignal {
            private final UInt32 state;

            public StateChanged(String path, UInt32 state) throws DBusException {
                super(path, state);
                this.state = state;
            }

            public UInt32 state() {
                return state;
            }
        }
    }

    private final DBusConnection connection;

    private SystemBusSignals(DBusConnection connection) {
        this.connection = connection;
    }

    /** Listens on the system bus of this environment ({@code DBUS_SYSTEM_BUS_ADDRESS}, else the usual socket). */
    public static Optional<SystemBusSignals> listen(Map<String, String> env, NetworkWatch watch) {
        String address = env.get("DBUS_SYSTEM_BUS_ADDRESS");
        return listen(address == null || address.isBlank() ? DEFAULT_ADDRESS : address, watch);
    }

    /** Listens on the bus at {@code address} (tests start a private one); empty when it cannot be reached. */
    public static Optional<SystemBusSignals> listen(String address, NetworkWatch watch) {
        Objects.requireNonNull(watch, "watch");
        DBusConnection connection;
        try {
            connection = DBusConnectionBuilder.forAddress(address)
                    .withShared(false)
                    .transportConfig().withTimeout(500).back() // one attempt, not dbus-java's ten seconds of them
                    .receivingThreadConfig().withSignalThreadCount(1).connectionConfig()
                    .build();
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "No system bus at {0}: sleep and network changes are noticed by Belfry''s own checks",
                    address);
            return Optional.empty();
        }
        try {
            connection.addSigHandler(Login1Manager.PrepareForSleep.class, signal -> {
                if (!signal.start()) {
                    LOG.log(Level.INFO, "logind says the machine has woken");
                    watch.changed(NetworkWatch.Reason.WOKE);
                }
            });
            connection.addSigHandler(NetworkManager.StateChanged.class, signal -> {
                LOG.log(Level.INFO, "NetworkManager says its state is {0}", signal.state());
                watch.changed(NetworkWatch.Reason.NETWORK_CHANGED);
            });
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "Cannot listen on the system bus ({0}): Belfry''s own checks will do", e.toString());
            connection.disconnect();
            return Optional.empty();
        }
        return Optional.of(new SystemBusSignals(connection));
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}

package app.belfry.desktop;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

/**
 * The system's colour scheme on Linux: the XDG desktop portal's {@code org.freedesktop.appearance}
 * {@code color-scheme} (0 no preference, 1 prefer dark, 2 prefer light), which GNOME, KDE and the other desktops
 * with a portal keep, read once and then followed through the portal's {@code SettingChanged} signal, so that
 * nothing is polled. Without a session bus, a portal or the setting, it says so once (INFO) and reports nothing.
 *
 * <p>Threads: connecting and the first reading run on the background executor; changes arrive on dbus-java's one
 * signal thread. Both report to the listener on their thread. Every thread of the connection is a daemon and ends
 * with {@link #close}.
 */
public final class PortalColorScheme implements SystemColorScheme {

    private static final System.Logger LOG = System.getLogger(DbusPopupSink.LOGGER_NAME);

    static final String NAMESPACE = "org.freedesktop.appearance";
    static final String KEY = "color-scheme";
    static final long PREFER_DARK = 1;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private DBusConnection connection;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    private PortalColorScheme() {
    }

    /** Connects to the session bus at {@code busAddress} (null: none) on the background executor, and follows. */
    static PortalColorScheme start(String busAddress, Executor background, Consumer<Boolean> dark) {
        PortalColorScheme scheme = new PortalColorScheme();
        background.execute(() -> scheme.connect(busAddress, dark));
        return scheme;
    }

    private void connect(String address, Consumer<Boolean> dark) {
        if (address == null || address.isBlank()) {
            LOG.log(Level.INFO, "No session bus (DBUS_SESSION_BUS_ADDRESS is not set): the theme \"Same as the "
                    + "system\" is light");
            return;
        }
        DBusConnection bus;
        try {
            bus = DBusConnectionBuilder.forAddress(address)
                    .withShared(false)
                    .transportConfig().withTimeout(500).back() // one attempt, not dbus-java's ten seconds of them
                    .receivingThreadConfig().withSignalThreadCount(1).connectionConfig()
                    .build();
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "The session bus at {0} cannot be reached ({1}): the theme \"Same as the system\" "
                    + "is light", address, e.getMessage());
            return;
        }
        try {
            // Listening first, so that a change between the reading and the subscription is not lost.
            bus.addSigHandler(PortalSettings.SettingChanged.class, signal -> {
                if (NAMESPACE.equals(signal.namespace()) && KEY.equals(signal.key())) {
                    dark.accept(prefersDark(signal.value()));
                }
            });
            PortalSettings portal = bus.getRemoteObject(PortalSettings.BUS_NAME, PortalSettings.OBJECT_PATH,
                    PortalSettings.class);
            dark.accept(prefersDark(read(portal)));
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "The desktop portal does not say the system''s colour scheme ({0}): the theme "
                    + "\"Same as the system\" is light", e.getMessage());
            bus.disconnect();
            return;
        }
        synchronized (lock) {
            if (closed) {
                bus.disconnect();
            } else {
                connection = bus;
            }
        }
    }

    /** {@code ReadOne}, or for a portal before version 2, which has only {@code Read}, that. */
    private static Object read(PortalSettings portal) {
        try {
            return portal.ReadOne(NAMESPACE, KEY);
        } catch (DBusExecutionException e) {
            return portal.Read(NAMESPACE, KEY);
        }
    }

    /** 1 is "prefer dark"; 0 (no preference) and 2 (prefer light) are light. Unwraps {@code Read}'s extra variant. */
    static boolean prefersDark(Object value) {
        Object inner = value;
        while (inner instanceof Variant<?> variant) {
            inner = variant.getValue();
        }
        return inner instanceof Number number && number.longValue() == PREFER_DARK;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}

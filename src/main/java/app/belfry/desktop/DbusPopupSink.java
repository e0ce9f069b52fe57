package app.belfry.desktop;

import app.belfry.desktop.FreedesktopNotifications.ActionInvoked;
import app.belfry.desktop.FreedesktopNotifications.NotificationClosed;
import app.belfry.desktop.FreedesktopNotifications.ServerInformation;
import app.belfry.i18n.Texts;
import app.belfry.model.NotificationType;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Popups through the freedesktop notification service on the session bus (GNOME Shell, KDE Plasma, dunst, mako, ...).
 *
 * <p>Threads: {@link #show} calls the service on the caller's thread and waits for its reply; the activation handler
 * runs on dbus-java's single signal thread, so that a click and the closing that follows it arrive in order. Every
 * thread of the connection is a daemon and ends with {@link #close}.
 *
 * <p>The transport is the JDK's own unix socket, which reaches {@code unix:path=} buses but not abstract
 * ({@code unix:abstract=}) ones: {@link #connect} then finds no bus and the caller falls back.
 */
public final class DbusPopupSink implements PopupSink {

    static final String LOGGER_NAME = "app.belfry.desktop";
    private static final System.Logger LOG = System.getLogger(LOGGER_NAME);

    static final String APP_NAME = "Belfry"; // not shown: the name the notification service files popups under
    static final String DEFAULT_ACTION = "default";
    /** The Mark read button's key (Mark all read on a summary). */
    static final String MARK_READ_ACTION = "mark-read";
    /** The freedesktop sound theme's name for a new message. */
    static final String SOUND_NAME = "message-new-instant";
    static final byte URGENCY_NORMAL = 1;
    static final byte URGENCY_CRITICAL = 2;
    /** Popups whose click is still remembered; the oldest are forgotten past this even if never closed. */
    static final int MAX_REMEMBERED = 256;
    /** {@code NotificationClosed}'s reason for a popup that timed out (moved to the notification list, on most). */
    static final long CLOSED_EXPIRED = 1;

    private final DBusConnection connection;
    private final FreedesktopNotifications service;
    private final String serverName;
    private final String appIcon;
    /** Service id -> the popup shown under it, oldest first. Guarded by itself. */
    private final Map<Long, Popup> shown = new LinkedHashMap<>(32, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Popup> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private volatile BiConsumer<Action, String> actionHandler = (action, id) -> {
    };
    /** Whether the service shows buttons ({@code actions} among its capabilities). */
    private volatile boolean buttons;
    /** Whether it plays the sound a popup names ({@code sound}). */
    private volatile boolean sounds;
    private volatile boolean closed;

    private DbusPopupSink(DBusConnection connection, FreedesktopNotifications service, String serverName,
            String appIcon) {
        this.connection = connection;
        this.service = service;
        this.serverName = serverName;
        this.appIcon = appIcon;
    }

    /** Connects to the session bus of {@code DBUS_SESSION_BUS_ADDRESS}, popups without an icon. */
    public static Optional<DbusPopupSink> connect() {
        return connect("");
    }

    /**
     * Connects to the session bus of {@code DBUS_SESSION_BUS_ADDRESS}.
     *
     * @param appIcon an icon name of the theme or an absolute path, "" for none
     * @return empty, after one INFO line, when there is no session bus or no notification service on it
     */
    public static Optional<DbusPopupSink> connect(String appIcon) {
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || address.isBlank()) {
            LOG.log(Level.INFO, "No native popups: no session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
            return Optional.empty();
        }
        return connect(address, appIcon);
    }

    /**
     * Connects to the bus at that address (tests start a private one).
     *
     * @return empty, after one INFO line, when the bus cannot be reached or no notification service answers on it
     */
    public static Optional<DbusPopupSink> connect(String busAddress, String appIcon) {
        Objects.requireNonNull(busAddress, "busAddress");
        Objects.requireNonNull(appIcon, "appIcon");
        DBusConnection connection;
        try {
            // Not shared: dbus-java would otherwise hand every caller in this JVM one connection per address.
            connection = DBusConnectionBuilder.forAddress(busAddress)
                    .withShared(false)
                    // One attempt: dbus-java otherwise retries a missing socket for 10 s, and the app waits.
                    .transportConfig().withTimeout(500).back()
                    .receivingThreadConfig().withSignalThreadCount(1).connectionConfig()
                    .build();
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "No native popups: the session bus at {0} cannot be reached ({1})", busAddress,
                    describe(e));
            return Optional.empty();
        }
        try {
            FreedesktopNotifications service = connection.getRemoteObject(FreedesktopNotifications.BUS_NAME,
                    FreedesktopNotifications.OBJECT_PATH, FreedesktopNotifications.class);
            // A call rather than a look at the name's owner: it also starts a service that the bus activates.
            ServerInformation<String, String, String, String> server = service.GetServerInformation();
            String serverName = server.name() + " " + server.version();
            DbusPopupSink sink = new DbusPopupSink(connection, service, serverName, appIcon);
            connection.addSigHandler(ActionInvoked.class, sink::actionInvoked);
            connection.addSigHandler(NotificationClosed.class, sink::notificationClosed);
            List<String> capabilities = service.GetCapabilities();
            sink.buttons = capabilities.contains("actions");
            sink.sounds = capabilities.contains("sound");
            String noActions = "; it offers no actions, so a click opens nothing"; // not shown: for the log
            LOG.log(Level.INFO, "Native popups through {0} ({1}){2}", serverName, server.vendor(),
                    capabilities.contains("actions") ? "" : noActions);
            return Optional.of(sink);
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "No native popups: no notification service answers on the session bus ({0})",
                    describe(e));
            connection.disconnect();
            return Optional.empty();
        }
    }

    @Override
    public boolean show(Popup popup) {
        Objects.requireNonNull(popup, "popup");
        if (closed) {
            return false;
        }
        try {
            UInt32 id = service.Notify(APP_NAME, new UInt32(0), appIcon, popup.title(), escapeMarkup(popup.body()),
                    actions(popup, buttons), hints(popup.type(), popup.sound() && sounds), -1);
            synchronized (shown) {
                shown.put(id.longValue(), popup);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not show a native popup through {0}: {1}", serverName, describe(e));
            return false;
        }
    }

    @Override
    public void onAction(BiConsumer<Action, String> handler) {
        this.actionHandler = Objects.requireNonNull(handler, "handler");
    }

    /** The popup's actions, as key and label pairs: a click (the default action, Open), and Mark read. */
    static List<String> actions(Popup popup, boolean buttons) {
        if (!buttons) {
            return List.of(DEFAULT_ACTION, Texts.text("popup.open"));
        }
        return List.of(DEFAULT_ACTION, Texts.text("popup.open"), MARK_READ_ACTION,
                Texts.text(popup.isSummary() ? "popup.markAllRead" : "popup.markRead"));
    }

    @Override
    public String name() {
        return "D-Bus (" + serverName + ")";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Ends the reader, sender and receiving threads; exported nothing, so there is nothing else to release.
        connection.disconnect();
        synchronized (shown) {
            shown.clear();
        }
    }

    /** The service broadcasts every application's clicks: only ids that this sink showed count. */
    private void actionInvoked(ActionInvoked signal) {
        Action action = DEFAULT_ACTION.equals(signal.actionKey()) ? Action.OPEN
                : MARK_READ_ACTION.equals(signal.actionKey()) ? Action.MARK_READ : null;
        if (action == null) {
            return;
        }
        Popup popup;
        synchronized (shown) {
            popup = shown.get(signal.id().longValue());
        }
        if (popup == null) {
            return;
        }
        try {
            actionHandler.accept(action, popup.notificationId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The handler of a click on a native popup failed", e);
        }
    }

    /**
     * A popup that expired may live on in the desktop's notification list, where its buttons still work: it stays
     * remembered (up to {@link #MAX_REMEMBERED}). One the user dismissed, or that was closed, is gone.
     */
    private void notificationClosed(NotificationClosed signal) {
        if (signal.reason().longValue() == CLOSED_EXPIRED) {
            return;
        }
        synchronized (shown) {
            shown.remove(signal.id().longValue());
        }
    }

    static Map<String, Variant<?>> hints(NotificationType type) {
        return hints(type, false);
    }

    /** With {@code sound}, the freedesktop sound theme's {@value #SOUND_NAME}, which the service plays. */
    static Map<String, Variant<?>> hints(NotificationType type, boolean sound) {
        byte urgency = type == NotificationType.ERROR ? URGENCY_CRITICAL : URGENCY_NORMAL;
        Map<String, Variant<?>> hints = new java.util.HashMap<>(Map.of("urgency", new Variant<>(urgency),
                "category", new Variant<>("im.received")));
        if (sound) {
            hints.put("sound-name", new Variant<>(SOUND_NAME));
        } else {
            hints.put("suppress-sound", new Variant<>(true)); // the type's rule says no sound: the service's neither
        }
        return Map.copyOf(hints);
    }

    @Override
    public boolean playsSounds() {
        return sounds;
    }

    /** Many services read the body as a subset of HTML: the text must come through as it was written. */
    static String escapeMarkup(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }
}

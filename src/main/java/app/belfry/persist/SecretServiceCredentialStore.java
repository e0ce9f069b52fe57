package app.belfry.persist;

import app.belfry.persist.SecretServiceApi.Pair;
import app.belfry.persist.SecretServiceApi.Secret;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * The session's secret in the freedesktop Secret Service (GNOME Keyring, KWallet), on the session bus: one item in
 * the default collection, with the attributes {@code application=belfry}, {@code server} and {@code kind}.
 *
 * <p>The secret travels in a "plain" session: unencrypted over the session bus, which only this user's processes
 * can reach. Most clients do the same; the "dh-ietf1024-sha256-aes128-cbc-pkcs7" algorithm would only hide it from
 * processes that can already read this user's memory.
 *
 * <p>A locked keyring that would open only through a prompt (a password dialog) counts as no keychain: nothing here
 * ever waits for the user. No secret ever reaches a log line or an exception's message.
 *
 * <p>Threads: every call goes to the service on the caller's thread and waits for its reply; the methods are
 * synchronized. The connection's threads are daemons and end with {@link #close}.
 */
public final class SecretServiceCredentialStore implements CredentialStore {

    private static final System.Logger LOG = System.getLogger(CredentialStores.LOGGER_NAME);

    static final String APPLICATION = "belfry";
    private static final String CONTENT_TYPE = "text/plain";

    private final DBusConnection connection;
    private final SecretServiceApi.Service service;
    private boolean closed;

    private SecretServiceCredentialStore(DBusConnection connection) throws DBusException {
        this.connection = connection;
        this.service = connection.getRemoteObject(SecretServiceApi.BUS_NAME, SecretServiceApi.SERVICE_PATH,
                SecretServiceApi.Service.class);
    }

    /** Connects to the session bus of {@code DBUS_SESSION_BUS_ADDRESS}. */
    public static Optional<SecretServiceCredentialStore> connect() {
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || address.isBlank()) {
            LOG.log(Level.INFO, "No Secret Service: no session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
            return Optional.empty();
        }
        return connect(address);
    }

    /**
     * Connects to the bus at that address (tests start a private one).
     *
     * @return empty, after one INFO line, when the bus cannot be reached, no Secret Service answers on it, it has no
     *         default collection, or that collection is locked and would open only through a prompt
     */
    public static Optional<SecretServiceCredentialStore> connect(String busAddress) {
        Objects.requireNonNull(busAddress, "busAddress");
        DBusConnection connection;
        try {
            // Not shared, one attempt: as DbusPopupSink does, and for the same reasons.
            connection = DBusConnectionBuilder.forAddress(busAddress)
                    .withShared(false)
                    .transportConfig().withTimeout(500).back()
                    .build();
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "No Secret Service: the session bus at {0} cannot be reached ({1})", busAddress,
                    describe(e));
            return Optional.empty();
        }
        try {
            SecretServiceCredentialStore store = new SecretServiceCredentialStore(connection);
            // Proves that the service answers, speaks "plain", and has a collection to write to.
            store.closeSession(store.openSession());
            store.unlockedDefaultCollection();
            LOG.log(Level.INFO, "The session is kept in {0}", store.describe());
            return Optional.of(store);
        } catch (KeyringLockedException e) {
            LOG.log(Level.INFO, "The Secret Service keyring is locked and would open only through a prompt; "
                    + "it is not used");
            connection.disconnect();
            return Optional.empty();
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "No Secret Service answers on the session bus ({0})", describe(e));
            connection.disconnect();
            return Optional.empty();
        }
    }

    @Override
    public synchronized Optional<Stored> load() {
        try {
            List<DBusPath> items = unlockedItems();
            List<Found> found = new ArrayList<>();
            for (DBusPath item : items) {
                Map<String, String> attributes = property(item, SecretServiceApi.ITEM_INTERFACE, "Attributes");
                UInt64 created = property(item, SecretServiceApi.ITEM_INTERFACE, "Created");
                String server = attributes.getOrDefault("server", "");
                String kind = attributes.getOrDefault("kind", "");
                if (!server.isEmpty() && !kind.isEmpty()) {
                    found.add(new Found(item, server, kind, created == null ? 0 : created.longValue()));
                }
            }
            Optional<Found> newest = found.stream().max(Comparator.comparingLong(Found::created));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            DBusPath session = openSession();
            try {
                Secret secret = remote(newest.get().item(), SecretServiceApi.Item.class).GetSecret(session);
                byte[] value = secret.value();
                String text = new String(value, StandardCharsets.UTF_8);
                Arrays.fill(value, (byte) 0);
                return text.isEmpty() ? Optional.empty()
                        : Optional.of(new Stored(newest.get().server(), newest.get().kind(), text));
            } finally {
                closeSession(session);
            }
        } catch (KeyringLockedException e) {
            LOG.log(Level.INFO, "The keyring is locked and would open only through a prompt: no kept session");
            return Optional.empty();
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the session from {0} ({1})", describe(), describe(e));
            return Optional.empty();
        }
    }

    /** Replaces Belfry's item; throws when the keyring cannot be written (locked behind a prompt, gone). */
    @Override
    public synchronized void save(Stored credentials) {
        Objects.requireNonNull(credentials, "credentials");
        try {
            DBusPath collection = unlockedDefaultCollection();
            deleteItems();
            DBusPath session = openSession();
            byte[] value = credentials.secret().getBytes(StandardCharsets.UTF_8);
            try {
                Map<String, Variant<?>> properties = Map.of(
                        "org.freedesktop.Secret.Item.Label",
                        new Variant<>("Belfry session for " + credentials.server()),
                        "org.freedesktop.Secret.Item.Attributes",
                        new Variant<>(Map.of("application", APPLICATION, "server", credentials.server(),
                                "kind", credentials.kind()), "a{ss}"));
                Pair<DBusPath, DBusPath> created = remote(collection, SecretServiceApi.Collection.class)
                        .CreateItem(properties, new Secret(session, new byte[0], value, CONTENT_TYPE), true);
                if (!SecretServiceApi.NO_OBJECT.equals(created.second().getPath())) {
                    throw new KeyringLockedException();
                }
            } finally {
                Arrays.fill(value, (byte) 0);
                closeSession(session);
            }
        } catch (DBusException e) {
            throw new IllegalStateException("Could not save the session in " + describe() + ": " + describe(e));
        }
    }

    @Override
    public synchronized void delete() {
        try {
            deleteItems();
        } catch (DBusException e) {
            throw new IllegalStateException("Could not delete the session from " + describe() + ": " + describe(e));
        }
    }

    @Override
    public String describe() {
        return "the Secret Service keyring (GNOME Keyring, KWallet)";
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            connection.disconnect();
        }
    }

    private record Found(DBusPath item, String server, String kind, long created) {
    }

    /** Belfry's items, unlocked first if that needs no prompt. */
    private List<DBusPath> unlockedItems() {
        Pair<List<DBusPath>, List<DBusPath>> found = service.SearchItems(Map.of("application", APPLICATION));
        List<DBusPath> items = new ArrayList<>(found.first());
        if (!found.second().isEmpty()) {
            Pair<List<DBusPath>, DBusPath> unlocked = service.Unlock(found.second());
            if (!SecretServiceApi.NO_OBJECT.equals(unlocked.second().getPath())) {
                throw new KeyringLockedException();
            }
            items.addAll(unlocked.first());
        }
        return items;
    }

    private void deleteItems() throws DBusException {
        for (DBusPath item : unlockedItems()) {
            DBusPath prompt = remote(item, SecretServiceApi.Item.class).Delete();
            if (!SecretServiceApi.NO_OBJECT.equals(prompt.getPath())) {
                throw new KeyringLockedException();
            }
        }
    }

    /** The default collection, unlocked; throws when there is none or it would open only through a prompt. */
    private DBusPath unlockedDefaultCollection() throws DBusException {
        DBusPath collection = service.ReadAlias("default");
        if (collection == null || SecretServiceApi.NO_OBJECT.equals(collection.getPath())) {
            collection = new DBusPath(SecretServiceApi.DEFAULT_ALIAS_PATH);
        }
        Boolean locked = property(collection, SecretServiceApi.COLLECTION_INTERFACE, "Locked");
        if (Boolean.TRUE.equals(locked)) {
            Pair<List<DBusPath>, DBusPath> unlocked = service.Unlock(List.of(collection));
            if (!SecretServiceApi.NO_OBJECT.equals(unlocked.second().getPath()) || unlocked.first().isEmpty()) {
                throw new KeyringLockedException();
            }
        }
        return collection;
    }

    private DBusPath openSession() {
        return service.OpenSession("plain", new Variant<>("")).second();
    }

    private void closeSession(DBusPath session) throws DBusException {
        remote(session, SecretServiceApi.Session.class).Close();
    }

    private <T> T property(DBusPath object, String iface, String name) throws DBusException {
        return remote(object, Properties.class).Get(iface, name);
    }

    private <I extends org.freedesktop.dbus.interfaces.DBusInterface> I remote(DBusPath object, Class<I> type)
            throws DBusException {
        return connection.getRemoteObject(SecretServiceApi.BUS_NAME, object.getPath(), type);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    /** The keyring is locked and only a prompt would open it. */
    static final class KeyringLockedException extends IllegalStateException {
        KeyringLockedException() {
            super("The keyring is locked and would open only through a prompt");
        }
    }
}

package app.belfry.persist;

import app.belfry.model.NotificationCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The session's secret in the keychain of Windows (Credential Manager, a generic credential named
 * {@code Belfry|session}) or macOS (the login keychain, a generic password of service {@code Belfry} and account
 * {@code session}), through java-keyring. The entry holds one small JSON object: the server, the kind, the secret.
 *
 * <p>On Linux Belfry speaks Secret Service itself ({@link SecretServiceCredentialStore}); this store is not used
 * there.
 */
public final class OsKeychainCredentialStore implements CredentialStore {

    private static final System.Logger LOG = System.getLogger(CredentialStores.LOGGER_NAME);
    static final String SERVICE = "Belfry";
    static final String ACCOUNT = "session";
    private static final ObjectMapper JSON = NotificationCodec.mapper();

    /** The three calls Belfry makes of a keychain: java-keyring's {@link Keyring}, or a test's map. */
    interface Backend extends AutoCloseable {
        /** The value, or empty when there is no such entry. */
        Optional<String> get(String service, String account) throws PasswordAccessException;

        void set(String service, String account, String value) throws PasswordAccessException;

        void delete(String service, String account) throws PasswordAccessException;

        @Override
        void close();
    }

    private final Backend backend;
    private final String name;

    OsKeychainCredentialStore(Backend backend, String name) {
        this.backend = Objects.requireNonNull(backend);
        this.name = name;
    }

    /** The keychain of this OS ({@code os.name}); empty, after one INFO line, where there is none or it fails. */
    public static Optional<OsKeychainCredentialStore> connect() {
        return connect(System.getProperty("os.name", ""));
    }

    static Optional<OsKeychainCredentialStore> connect(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        KeyringStorageType type;
        String name;
        if (os.startsWith("windows")) {
            type = KeyringStorageType.WINDOWS_CREDENTIAL_STORE;
            name = "the Windows Credential Manager";
        } else if (os.startsWith("mac")) {
            type = KeyringStorageType.OSX_KEYCHAIN;
            name = "the macOS Keychain";
        } else {
            return Optional.empty();
        }
        try {
            Keyring keyring = Keyring.create(type);
            OsKeychainCredentialStore store = new OsKeychainCredentialStore(new KeyringBackend(keyring), name);
            store.backend.get(SERVICE, ACCOUNT); // proves that it answers
            LOG.log(Level.INFO, "The session is kept in {0}", name);
            return Optional.of(store);
        } catch (BackendNotSupportedException | PasswordAccessException | RuntimeException | LinkageError e) {
            // LinkageError: JNA cannot load the OS's library (a stripped system, another OS's keychain asked for).
            LOG.log(Level.INFO, "No keychain: {0} does not answer ({1})", name, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public synchronized Optional<Stored> load() {
        Optional<String> value;
        try {
            value = backend.get(SERVICE, ACCOUNT);
        } catch (PasswordAccessException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the session from {0} ({1})", name, e.getMessage());
            return Optional.empty();
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value.get());
            String server = node.path("server").asText("");
            String kind = node.path("kind").asText("");
            String secret = node.path("secret").asText("");
            if (server.isEmpty() || kind.isEmpty() || secret.isEmpty()) {
                LOG.log(Level.WARNING, "The session in {0} is incomplete; signing in again replaces it", name);
                return Optional.empty();
            }
            return Optional.of(new Stored(server, kind, secret));
        } catch (JsonProcessingException e) {
            // Never the value in the log: it may hold a secret.
            LOG.log(Level.WARNING, "The session in {0} is not Belfry''s JSON; signing in again replaces it", name);
            return Optional.empty();
        }
    }

    /** Replaces Belfry's entry; throws when the keychain refuses it. */
    @Override
    public synchronized void save(Stored credentials) {
        Objects.requireNonNull(credentials, "credentials");
        String value;
        try {
            value = JSON.writeValueAsString(Map.of("server", credentials.server(), "kind", credentials.kind(),
                    "secret", credentials.secret()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not encode the session", e);
        }
        try {
            backend.set(SERVICE, ACCOUNT, value);
        } catch (PasswordAccessException e) {
            throw new IllegalStateException("Could not save the session in " + name + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void delete() {
        try {
            if (backend.get(SERVICE, ACCOUNT).isPresent()) {
                backend.delete(SERVICE, ACCOUNT);
            }
        } catch (PasswordAccessException e) {
            throw new IllegalStateException("Could not delete the session from " + name + ": " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public synchronized void close() {
        backend.close();
    }

    /**
     * java-keyring's keyring. It says "not found" only as a PasswordAccessException: Windows' error 1168
     * (ERROR_NOT_FOUND) and, on macOS, "No stored credentials match" or -25300 (errSecItemNotFound) are read as no
     * entry.
     */
    private static final class KeyringBackend implements Backend {

        private final Keyring keyring;

        KeyringBackend(Keyring keyring) {
            this.keyring = keyring;
        }

        @Override
        public Optional<String> get(String service, String account) throws PasswordAccessException {
            try {
                return Optional.ofNullable(keyring.getPassword(service, account));
            } catch (PasswordAccessException e) {
                if (isNotFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        @Override
        public void set(String service, String account, String value) throws PasswordAccessException {
            keyring.setPassword(service, account, value);
        }

        @Override
        public void delete(String service, String account) throws PasswordAccessException {
            keyring.deletePassword(service, account);
        }

        @Override
        public void close() {
            try {
                keyring.close();
            } catch (Exception e) {
                // nothing held that matters
            }
        }
    }

    static boolean isNotFound(PasswordAccessException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("1168") || message.contains("-25300") || message.contains("not found")
                || message.contains("could not be found") || message.contains("no stored credentials match");
    }
}

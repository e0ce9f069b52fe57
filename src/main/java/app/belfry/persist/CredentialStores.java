package app.belfry.persist;

import app.belfry.model.NotificationCodec;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** Where the session's secret goes: the OS keychain when one answers, else a file readable by its owner only. */
public final class CredentialStores {

    static final String LOGGER_NAME = "app.belfry.persist.credentials";
    private static final System.Logger LOG = System.getLogger(LOGGER_NAME);
    static final String FILE_NAME = "credentials.json";

    private CredentialStores() {
    }

    /** {@code credentials.json} in that folder. */
    public static FileCredentialStore file(Path dataDir, Clock clock) {
        return new FileCredentialStore(new JsonFile(dataDir.resolve(FILE_NAME), NotificationCodec.mapper(), clock));
    }

    /**
     * This OS's keychain, when one answers: Secret Service on Linux and the BSDs (over the session D-Bus), the
     * Credential Manager on Windows, the Keychain on macOS. Never throws.
     */
    public static Optional<? extends CredentialStore> osKeychain() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return OsKeychainCredentialStore.connect();
        }
        return SecretServiceCredentialStore.connect();
    }

    /**
     * The keychain when it answers, else the file, with one warning. A secret left in the file from before moves
     * into the keychain, and the file is deleted; if the keychain refuses it, the file stays in use.
     *
     * @param keychain connects to the keychain, empty when none answers (never throws)
     */
    public static CredentialStore choose(Path dataDir, Clock clock,
            Supplier<Optional<? extends CredentialStore>> keychain) {
        FileCredentialStore file = file(dataDir, clock);
        Optional<? extends CredentialStore> found = keychain.get();
        if (found.isEmpty()) {
            LOG.log(Level.WARNING, "No keychain answers here; the session is kept in {0}, readable by you only",
                    file.path());
            return file;
        }
        CredentialStore chosen = found.get();
        Optional<CredentialStore.Stored> left = file.load();
        if (left.isPresent()) {
            try {
                chosen.save(left.get());
                file.delete();
                LOG.log(Level.INFO, "Moved the session from {0} into {1}", file.path(), chosen.describe());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not move the session from {0} into {1} ({2}); it stays in the file",
                        file.path(), chosen.describe(), e.getMessage());
                chosen.close();
                return file;
            }
        }
        return chosen;
    }

    /**
     * A store that picks its place (asking the keychain over D-Bus) on first use, on whichever thread uses it
     * first: never the FX thread at start-up, where a slow keychain would hold the first frame back.
     */
    public static CredentialStore deferred(java.util.function.Supplier<CredentialStore> choose) {
        return new CredentialStore() {
            private CredentialStore chosen;

            private synchronized CredentialStore chosen() {
                if (chosen == null) {
                    chosen = choose.get();
                }
                return chosen;
            }

            @Override
            public java.util.Optional<Stored> load() {
                return chosen().load();
            }

            @Override
            public void save(Stored credentials) {
                chosen().save(credentials);
            }

            @Override
            public void delete() {
                chosen().delete();
            }

            @Override
            public String describe() {
                return chosen().describe();
            }

            @Override
            public void close() {
                CredentialStore store;
                synchronized (this) {
                    store = chosen;
                }
                if (store != null) {
                    try {
                        store.close();
                    } catch (Exception e) {
                        // closing anyway
                    }
                }
            }
        };
    }
}

package app.belfry.session;

import app.belfry.i18n.Texts;
import app.belfry.model.NotificationCodec;
import app.belfry.persist.CredentialStore;
import app.belfry.persist.DataDirectory;
import app.belfry.persist.FolderLock;
import app.belfry.persist.Loaded;
import app.belfry.persist.Persistence;
import app.belfry.persist.Settings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One data folder, under its lock, for as long as Belfry runs: the settings, the kept session (its secret in the OS
 * keychain or a file), and each account's history and unsent reads. A profile may keep nothing: when the folder is
 * held by another Belfry or cannot be used (then it says why, once), for the smoke test, and for the demo until the
 * user signs in to a server of their own ({@link #startKeeping}).
 *
 * <p>Thread-safe: settings are read on the FX thread, the kept session is read on a background thread (a keychain
 * may be slow), and writes go through the persistence's one worker thread.
 */
public final class Profile implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Profile.class.getName());

    private final Persistence files; // null: keeps nothing
    private final FolderLock lock; // null: none held
    private final List<String> problems = new ArrayList<>(); // guarded by this
    private Settings settings; // guarded by this
    private boolean keeping; // guarded by this
    private boolean closed; // guarded by this

    private Profile(Persistence files, FolderLock lock, Settings settings, boolean keeping, String problem) {
        this.files = files;
        this.lock = lock;
        this.settings = settings;
        this.keeping = keeping && files != null;
        if (problem != null) {
            problems.add(problem);
        }
    }

    /**
     * Opens the folder ({@code given}, or the platform's when null) under its lock.
     *
     * @param keychain the session's secret goes to the OS keychain (else to a file in the folder)
     * @param keepNow writes from the start; false for the demo, which writes nothing until {@link #startKeeping}
     */
    public static Profile open(Path given, boolean keychain, boolean keepNow, NotificationCodec codec, Clock clock) {
        Path dir;
        try {
            dir = DataDirectory.open(given);
        } catch (IOException | RuntimeException e) {
            return nothing(Texts.format("data.cannotUse", e.getMessage()));
        }
        Optional<FolderLock> lock;
        try {
            lock = FolderLock.tryLock(dir);
        } catch (IOException | RuntimeException e) {
            return nothing(Texts.format("data.cannotUseFolder", dir, e.getMessage()));
        }
        if (lock.isEmpty()) {
            return nothing(Texts.format("data.taken", dir));
        }
        try {
            Persistence files = keychain ? Persistence.withKeychain(dir, codec, clock)
                    : new Persistence(dir, codec, clock);
            Loaded<Settings> loaded = files.settings().load();
            return new Profile(files, lock.get(), loaded.value(), keepNow, loaded.problem());
        } catch (RuntimeException e) {
            lock.get().close();
            return nothing(Texts.format("data.cannotUseFolder", dir, e.getMessage()));
        }
    }

    /** A profile that keeps nothing, and says why once (when {@code why} is not null). */
    public static Profile nothing(String why) {
        return new Profile(null, null, Settings.DEFAULTS, false, why);
    }

    /** The folder, when this profile holds it (also while it keeps nothing yet: the demo). */
    public Optional<Path> directory() {
        return files == null ? Optional.empty() : Optional.of(files.directory());
    }

    /** True while what happens is written to the folder. */
    public synchronized boolean keeps() {
        return keeping && !closed;
    }

    /** From now on, write (the demo signed in to a server of the user's): what was chosen meanwhile is saved now. */
    public void startKeeping() {
        synchronized (this) {
            if (files == null || keeping || closed) {
                return;
            }
            keeping = true;
        }
        saveSettings();
    }

    public synchronized Settings settings() {
        return settings;
    }

    /** Changes the settings; written (debounced) while keeping. */
    public void updateSettings(UnaryOperator<Settings> change) {
        synchronized (this) {
            settings = change.apply(settings);
        }
        saveSettings();
    }

    private void saveSettings() {
        if (!keeps()) {
            return;
        }
        files.worker().schedule("settings", () -> files.settings().save(settings()));
    }

    /** The kept session's secret; asks the keychain, so never on the FX thread. Empty when nothing is kept. */
    Optional<CredentialStore.Stored> keptSecret() {
        if (!keeps()) {
            return Optional.empty();
        }
        try {
            return files.credentials().load();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the kept session: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Keeps a session that the server accepted: who and where in the settings, with a digest of the secret (the
     * settings and the secret are written apart, and only a matching pair is trusted), and the secret aside, on the
     * keychain's own thread.
     */
    void keepSession(CredentialStore.Stored secret, String authMode, String email, String identity, String caFile) {
        if (!keeps()) {
            return;
        }
        updateSettings(s -> s.withSession(secret.server(), authMode, email, identity,
                Account.fingerprint(secret.secret()), caFile));
        files.keychainWorker().schedule("credentials", () -> files.credentials().save(secret));
    }

    /** Forgets the kept session (sign-out, or the server ended it): nothing signs in by itself next time. */
    void forgetKeptSession() {
        if (!keeps()) {
            return;
        }
        updateSettings(Settings::withoutSession);
        files.keychainWorker().schedule("credentials", () -> files.credentials().delete());
    }

    /** An account's files, while keeping; empty (and a problem to show) when its folder cannot be made. */
    Optional<Persistence.AccountFiles> account(Account account) {
        if (!keeps()) {
            return Optional.empty();
        }
        try {
            return Optional.of(files.account(account.folderName()));
        } catch (IOException | RuntimeException e) {
            report(Texts.format("data.cannotKeepHistory", e.getMessage()));
            return Optional.empty();
        }
    }

    /** Schedules a write on the folder's worker (debounced), while keeping. */
    void schedule(String key, app.belfry.persist.PersistWorker.Write write) {
        if (keeps()) {
            files.worker().schedule(key, write);
        }
    }

    synchronized void report(String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** Messages for the user (a file set aside, a folder that cannot be used), each once. */
    public List<String> takeProblems() {
        List<String> taken = new ArrayList<>();
        synchronized (this) {
            taken.addAll(problems);
            problems.clear();
        }
        if (files != null) {
            taken.addAll(files.takeProblems());
        }
        return taken;
    }

    /** Writes everything pending now, and waits for it. */
    public void flush() {
        if (files != null) {
            files.worker().flush();
            files.keychainWorker().flush();
        }
    }

    /** Writes everything pending, lets go of the keychain, and releases the folder. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (files != null) {
            files.close();
        }
        if (lock != null) {
            lock.close();
        }
    }
}

package app.belfry.persist;

import app.belfry.model.NotificationCodec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Belfry's files in one data folder, and the worker that writes them: {@code settings.json} and the kept session
 * for the whole folder, and under {@code accounts/NAME/} each account's {@code history.json} and {@code outbox.json}
 * (what one user on one server was shown, and the reads not yet delivered), so that one account's are never
 * another's.
 */
public final class Persistence implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Persistence.class.getName());
    static final String ACCOUNTS = "accounts";

    /** One account's files. */
    public record AccountFiles(Path directory, HistoryFile history, FileActionJournal journal, ClearedFile cleared) {
    }

    private final Path directory;
    private final NotificationCodec codec;
    private final Clock clock;
    private final PersistWorker worker = new PersistWorker(500);
    /** The session's secret: a keychain call may take seconds, and must not hold up the files' writes. */
    private final PersistWorker keychainWorker = new PersistWorker(0, "belfry-keychain");
    private final List<String> problems = new ArrayList<>();
    private final SettingsFile settings;
    private final CredentialStore credentials;
    private final Map<String, AccountFiles> accounts = new HashMap<>(); // guarded by this

    /** The session's secret in {@code credentials.json}, whatever keychain there is (tests, {@code --data-dir}). */
    public Persistence(Path directory, NotificationCodec codec, Clock clock) {
        this(directory, codec, clock, CredentialStores.file(directory, clock));
    }

    /** The session's secret in the OS keychain when one answers, else in {@code credentials.json}. */
    public static Persistence withKeychain(Path directory, NotificationCodec codec, Clock clock) {
        return new Persistence(directory, codec, clock, CredentialStores.deferred(
                () -> CredentialStores.choose(directory, clock, CredentialStores::osKeychain)));
    }

    private Persistence(Path directory, NotificationCodec codec, Clock clock, CredentialStore credentials) {
        this.directory = directory;
        this.codec = codec;
        this.clock = clock;
        settings = new SettingsFile(new JsonFile(directory.resolve("settings.json"), NotificationCodec.mapper(), clock));
        this.credentials = credentials;
        setAsideUnowned();
    }

    /**
     * A {@code history.json} and {@code outbox.json} at the folder's top are from before accounts had folders, and
     * cannot say whose they are (an earlier Belfry kept one list across users): they are set aside, never shown or
     * sent. The server's catch-up brings back what is unread.
     */
    private void setAsideUnowned() {
        for (String name : new String[] {"history.json", "outbox.json"}) {
            Path old = directory.resolve(name);
            if (Files.isRegularFile(old)) {
                try {
                    Files.move(old, directory.resolve(name + ".before-accounts"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    LOG.log(Level.INFO, "Set {0} aside as {0}.before-accounts: it cannot say whose it is", name);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Cannot set {0} aside: {1}", old, e.getMessage());
                }
            }
        }
    }

    public Path directory() {
        return directory;
    }

    public SettingsFile settings() {
        return settings;
    }

    /**
     * An account's files, in {@code accounts/NAME/} (created, owner-only, on first use); one set per account for the
     * life of this object, so that everything written for an account goes through one journal and one worker key.
     */
    public synchronized AccountFiles account(String name) throws IOException {
        if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
            throw new IllegalArgumentException("not an account folder name: " + name);
        }
        AccountFiles files = accounts.get(name);
        if (files != null) {
            return files;
        }
        Path dir = directory.resolve(ACCOUNTS).resolve(name);
        DataDirectory.open(dir);
        var json = NotificationCodec.mapper();
        files = new AccountFiles(dir, new HistoryFile(new JsonFile(dir.resolve("history.json"), json, clock), codec),
                new FileActionJournal(new JsonFile(dir.resolve("outbox.json"), json, clock), worker, this::report),
                new ClearedFile(new JsonFile(dir.resolve("cleared.json"), json, clock)));
        accounts.put(name, files);
        return files;
    }

    public CredentialStore credentials() {
        return credentials;
    }

    public PersistWorker worker() {
        return worker;
    }

    /** Where the session's secret is written: a thread of its own, so a slow keychain holds up no file. */
    public PersistWorker keychainWorker() {
        return keychainWorker;
    }

    /** Collects a message about an unreadable file, for the user to see once. */
    public synchronized void report(String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** The messages collected so far, and forgets them. */
    public synchronized List<String> takeProblems() {
        List<String> taken = List.copyOf(problems);
        problems.clear();
        return taken;
    }

    /** Writes what is pending, then lets go of the keychain. */
    @Override
    public void close() {
        worker.close();
        keychainWorker.close();
        credentials.close();
    }
}

package app.belfry.persist;

import app.belfry.model.NotificationCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Belfry's files in one data folder, and the worker that writes them. */
public final class Persistence implements AutoCloseable {

    private final Path directory;
    private final PersistWorker worker = new PersistWorker(500);
    private final List<String> problems = new ArrayList<>();
    private final HistoryFile history;
    private final SettingsFile settings;
    private final FileActionJournal journal;
    private final CredentialStore credentials;

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
        var json = NotificationCodec.mapper();
        history = new HistoryFile(new JsonFile(directory.resolve("history.json"), json, clock), codec);
        settings = new SettingsFile(new JsonFile(directory.resolve("settings.json"), json, clock));
        journal = new FileActionJournal(new JsonFile(directory.resolve("outbox.json"), json, clock), worker,
                this::report);
        this.credentials = credentials;
    }

    public Path directory() {
        return directory;
    }

    public HistoryFile history() {
        return history;
    }

    public SettingsFile settings() {
        return settings;
    }

    public FileActionJournal journal() {
        return journal;
    }

    public CredentialStore credentials() {
        return credentials;
    }

    public PersistWorker worker() {
        return worker;
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
        credentials.close();
    }
}

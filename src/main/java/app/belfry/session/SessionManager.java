package app.belfry.session;

import app.belfry.i18n.Texts;
import app.belfry.model.ActionJournal;
import app.belfry.model.ConnectionState;
import app.belfry.model.ConnectionStatus;
import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import app.belfry.model.SocketError;
import app.belfry.net.AuthClient;
import app.belfry.net.AuthException;
import app.belfry.net.ConnectionOptions;
import app.belfry.net.Credentials;
import app.belfry.net.NotificationActions;
import app.belfry.net.NetworkSettings;
import app.belfry.net.NetworkWatch;
import app.belfry.net.NotificationService;
import app.belfry.net.SecretRedactor;
import app.belfry.net.SocketConnection;
import app.belfry.net.TrustedCertificates;
import app.belfry.persist.CredentialStore;
import app.belfry.persist.Loaded;
import app.belfry.persist.Persistence;
import app.belfry.persist.Settings;
import app.belfry.store.NotificationStore;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;

/**
 * The one lifecycle of a session, for the window and headless mode alike: who is signed in to which server, with
 * which credentials, over which connection, and what of it is kept. Every way a session begins (the demo, credentials
 * given at start, a kept session resumed, a sign-in) and ends (sign-out, the server ends or refuses it, another
 * sign-in replaces it, quit) goes through here, and keeps the one rule: nothing of one account is shown to, or sent
 * under, another.
 *
 * <p>How a session ends, whatever the reason: the old socket is disconnected first, and only once none of its events
 * can reach the store does the store forget the old account's notifications (also those on their way) and the old
 * account's history get its last write. Its unsent reads stay in its own journal, for its next session on that
 * server. Only then does a next session begin: its account's history is restored before it connects, so that its
 * catch-up starts at its own newest notification.
 *
 * <p>Confined to the store's thread (the FX thread in the window): every method is called there, and the
 * {@link Listener} is called there. Blocking work (HTTP sign-in and sign-out, the keychain, reading files, closing a
 * socket, starting the demo's backend) runs on the {@code background} executor, and comes back through
 * {@code storeThread}.
 */
public final class SessionManager {

    private static final System.Logger LOG = System.getLogger(SessionManager.class.getName());
    /** How long an ending waits for the old socket's event thread before going on without it. */
    private static final long DISCONNECT_WAIT_SECONDS = 3;

    /** Why sign-in is needed. */
    public enum Reason {
        /** Nothing kept to resume. */
        NOTHING_KEPT,
        /** The user signed out. */
        SIGNED_OUT,
        /** The server refused the session before it ever connected (a kept or given session that has expired). */
        REFUSED,
        /** The server ended a session that was connected (revoked, expired). */
        SERVER_ENDED
    }

    /** What the front end hears, on the store's thread. */
    public interface Listener {

        /** A session begins on this server: show the inbox. */
        void sessionStarted(String serverUrl);

        /** Sign-in is needed; {@code message} says why (null: nothing to say). */
        void signInNeeded(String message, Reason reason);

        /** A message for the user that is not about the connection: a data file set aside, a folder not usable. */
        void problem(String message);
    }

    /** How Belfry starts. */
    public sealed interface Start {

        /** On the embedded demo backend. */
        record Demo() implements Start {
        }

        /** With credentials given on the command line (or by QA). */
        record WithCredentials(SignIn signIn) implements Start {
        }

        /** With the session kept from before, for this server (null: whichever is kept); else sign-in is needed. */
        record Resume(String server) implements Start {
        }
    }

    /** Why a session ends; decides what is forgotten with it. */
    private enum Ending {
        /** Signed out: the server is told, and the kept session is forgotten. */
        SIGNED_OUT,
        /** Refused at the handshake, or ended by the server: the kept session is forgotten if it is this one. */
        REFUSED,
        SERVER_ENDED,
        /** Another session replaces it, or Belfry quits: nothing is forgotten but what the store shows. */
        REPLACED,
        QUIT
    }

    /** The sign-in was refused by the server at the handshake: a message fit to show. */
    public static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    /** How a session that works is kept for the next start. */
    private record Keep(CredentialStore.Stored secret, String authMode, String email) {
    }

    /** One session, from its opening to its end. */
    private final class Live {
        final Account account;
        final ConnectionOptions options;
        final Credentials credentials;
        final Keep keep; // null: never kept (the demo)
        final CompletableFuture<Void> outcome; // a sign-in waiting for the first outcome; null when none waits
        boolean keptAlready; // resumed from what is kept, or kept since
        Persistence.AccountFiles files; // null: nothing of it is written
        SocketConnection connection;
        NotificationService service;
        Runnable stopSavingHistory = () -> { };
        /** What the session's socket hands the store passes here, and stops the moment the session ends. */
        final SessionGate gate = new SessionGate(store);
        boolean everConnected;
        boolean ended;
        /** The status the store is left with when this session ends (the server's refusal, or disconnected). */
        ConnectionStatus lastWord = ConnectionStatus.initial(0);

        Live(Account account, ConnectionOptions options, Credentials credentials, Keep keep, boolean keptAlready,
                CompletableFuture<Void> outcome) {
            this.account = account;
            this.options = options;
            this.credentials = credentials;
            this.keep = keep;
            this.keptAlready = keptAlready;
            this.outcome = outcome;
        }
    }

    private final NotificationStore store;
    private final Executor storeThread;
    private final Executor background;
    private final Profile profile;
    private final NetworkSettings network;
    private final NotificationCodec codec;
    private final SecretRedactor redactor;
    private final EmbeddedBackend.Starter demoBackend;
    private final Listener listener;

    // Store thread.
    private Live current;
    /** The last session the server ended: {@link #retry} opens it again. */
    private Live endedByServer;
    /** Bumped by every request that makes an earlier one moot (sign-in, sign-out, retry, close). */
    private long intent;
    /** The last ending under way: the next session begins after it. */
    private CompletableFuture<Void> ending = CompletableFuture.completedFuture(null);
    /** The last opening's work off the store's thread (an account's folder, its history). */
    private CompletableFuture<Void> opening = CompletableFuture.completedFuture(null);
    private EmbeddedBackend embedded;
    private CompletableFuture<Void> closing;
    private NetworkWatch networkWatch;
    /** See {@link #tapConnections}: empty in the app. */
    private final List<Consumer<SocketConnection>> taps = new CopyOnWriteArrayList<>();

    /** @param network how servers are reached (the command line's CA file and proxy) */
    public SessionManager(NotificationStore store, Executor storeThread, Executor background, Profile profile,
            NetworkSettings network, NotificationCodec codec, SecretRedactor redactor,
            EmbeddedBackend.Starter demoBackend, Listener listener) {
        this.store = Objects.requireNonNull(store);
        this.storeThread = Objects.requireNonNull(storeThread);
        this.background = Objects.requireNonNull(background);
        this.profile = Objects.requireNonNull(profile);
        this.network = Objects.requireNonNull(network);
        this.codec = Objects.requireNonNull(codec);
        this.redactor = Objects.requireNonNull(redactor);
        this.demoBackend = Objects.requireNonNull(demoBackend);
        this.listener = Objects.requireNonNull(listener);
    }

    public Profile profile() {
        return profile;
    }

    /**
     * Hands each session's connection to {@code tap} before anything else registers on it or it connects, on the
     * store's thread. For measuring the real window (the UI benchmark, a test): it reads the flood server's
     * timestamps, which the codec drops, and asks that server for notifications on the session's own socket.
     */
    public void tapConnections(Consumer<SocketConnection> tap) {
        taps.add(Objects.requireNonNull(tap));
    }

    // ---- beginnings

    /**
     * Starts as asked. For {@link Start.WithCredentials}, the future fails when the sign-in does (with an
     * {@link AuthException}, a {@link RefusedException} or another exception with a message fit to show); otherwise it
     * completes at once.
     */
    public CompletableFuture<Void> start(Start start) {
        reportProblems();
        if (start instanceof Start.Demo) {
            startDemo();
        } else if (start instanceof Start.WithCredentials given) {
            return signIn(given.signIn());
        } else if (start instanceof Start.Resume resume) {
            resume(resume.server());
        }
        return CompletableFuture.completedFuture(null);
    }

    private void startDemo() {
        long mine = ++intent;
        background.execute(() -> {
            EmbeddedBackend backend;
            try {
                backend = demoBackend.start();
            } catch (Exception e) {
                LOG.log(Level.ERROR, "Cannot start the demo backend", e);
                onStoreThread(() -> store.onError(new SocketError(Texts.format("session.demoFailed",
                        e.getMessage()), null)), () -> { });
                return;
            }
            onStoreThread(() -> {
                if (closing != null || mine != intent) {
                    background.execute(backend::close); // closed, or left for a server of the user's meanwhile
                    return;
                }
                embedded = backend;
                Credentials token = new Credentials.BearerToken(backend.demoToken());
                redactor.register(token);
                // On this machine's loopback: no proxy, whatever the settings say.
                ConnectionOptions demo = ConnectionOptions.defaults(backend.url())
                        .withNetwork(new NetworkSettings(null, "none", java.util.Map.of()));
                open(new Account(demo.serverUrl().toString(), "demo"), demo, token, null, false, null);
            }, backend::close); // Belfry has ended meanwhile
        });
    }

    private void resume(String server) {
        long mine = ++intent;
        background.execute(() -> {
            Optional<CredentialStore.Stored> stored = profile.keptSecret();
            storeThread.execute(() -> {
                if (closing != null || mine != intent) {
                    return;
                }
                Optional<Live> kept = stored.flatMap(secret -> keptSession(secret, server));
                if (kept.isEmpty()) {
                    listener.signInNeeded(null, Reason.NOTHING_KEPT);
                    return;
                }
                Live live = kept.get();
                open(live.account, live.options, live.credentials, live.keep, true, null);
            });
        });
    }

    /** The kept session as one to open, when it is for {@code server} (any, when null) and makes sense. */
    private Optional<Live> keptSession(CredentialStore.Stored secret, String server) {
        ConnectionOptions options;
        try {
            options = ConnectionOptions.defaults(secret.server())
                    .withNetwork(networkWith(profile.settings().caFile()));
            if (server != null && !ConnectionOptions.defaults(server).serverUrl().equals(options.serverUrl())) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "The kept session''s server is not a URL: {0}", e.getMessage());
            return Optional.empty();
        }
        String url = options.serverUrl().toString();
        Settings settings = profile.settings();
        // Whose it is: what the settings say, but only for the very secret they were written with (the two are
        // written apart); else a folder of this secret's own, which is nobody else's.
        boolean trusted = settings.identity() != null && settings.sessionDigest() != null
                && settings.sessionDigest().equals(Account.fingerprint(secret.secret()))
                && settings.server() != null && sameServer(settings.server(), url);
        Account account = trusted ? new Account(url, settings.identity()) : Account.ofToken(url, secret.secret());
        Credentials credentials = secret.kind().startsWith("cookie:")
                ? new Credentials.SessionCookie(secret.kind().substring("cookie:".length()), secret.secret())
                : new Credentials.BearerToken(secret.secret());
        redactor.register(credentials);
        Keep keep = new Keep(secret, settings.authMode() != null ? settings.authMode()
                : secret.kind().startsWith("cookie:") ? "cookie" : "token", settings.email());
        return Optional.of(new Live(account, options, credentials, keep, true, null));
    }

    private static boolean sameServer(String a, String b) {
        try {
            return ConnectionOptions.defaults(a).serverUrl().equals(ConnectionOptions.defaults(b).serverUrl());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Signs in and connects, replacing the session there is (if any). Completes when the new session connects, or
     * fails in a way the connection banner explains (the server cannot be reached); fails with a message fit to show
     * when the server refuses the credentials, and is cancelled when a newer request (sign-in, sign-out, quit) makes
     * it moot. Never left pending.
     */
    public CompletableFuture<Void> signIn(SignIn form) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        if (closing != null) {
            outcome.cancel(false);
            return outcome;
        }
        ConnectionOptions options;
        try {
            options = ConnectionOptions.defaults(form.server() == null ? "" : form.server())
                    .withNetwork(networkWith(form.caFile()));
        } catch (IllegalArgumentException e) {
            outcome.completeExceptionally(new IllegalArgumentException(e.getMessage()));
            return outcome;
        }
        long mine = ++intent;
        background.execute(() -> {
            try {
                String url = options.serverUrl().toString();
                Credentials credentials;
                Account account;
                Keep keep;
                if (form.usesToken()) {
                    String token = form.token().strip();
                    credentials = new Credentials.BearerToken(token);
                    account = Account.ofToken(url, token);
                    keep = new Keep(new CredentialStore.Stored(url, "token", token), "token", null);
                } else {
                    if (form.email() == null || form.email().isBlank() || form.password() == null) {
                        throw new IllegalArgumentException(Texts.text("login.needCredentials"));
                    }
                    redactor.register(form.password());
                    AuthClient.Session session = new AuthClient(options).signIn(form.email().strip(),
                            form.password());
                    redactor.register(session.token());
                    Credentials.SessionCookie cookie = session.cookie();
                    credentials = cookie;
                    account = Account.ofUser(url, session.userId(),
                            session.email() != null ? session.email() : form.email());
                    keep = new Keep(new CredentialStore.Stored(url, "cookie:" + cookie.name(), cookie.value()),
                            "cookie", form.email().strip());
                }
                redactor.register(credentials);
                onStoreThread(() -> {
                    if (closing != null || mine != intent) {
                        outcome.cancel(false);
                        return;
                    }
                    profile.startKeeping(); // signed in to a server of the user's: from the demo too
                    open(account, options, credentials, keep, false, outcome);
                }, () -> outcome.cancel(false));
            } catch (AuthException | IllegalArgumentException e) {
                onStoreThread(() -> outcome.completeExceptionally(e), () -> outcome.completeExceptionally(e));
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "Sign-in failed", e);
                Exception failure = new IllegalStateException("Sign-in failed: "
                        + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
                onStoreThread(() -> outcome.completeExceptionally(failure),
                        () -> outcome.completeExceptionally(failure));
            }
        });
        return outcome;
    }

    /**
     * The command line's network settings, with {@code caFile} as the CA file unless the command line gives one.
     *
     * @throws IllegalArgumentException with a message fit to show when that file cannot be used
     */
    private NetworkSettings networkWith(String caFile) {
        if (network.caFile() != null || caFile == null || caFile.isBlank()) {
            return network;
        }
        Path file;
        try {
            file = Path.of(caFile.strip());
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(Texts.format("session.badCaPath", caFile.strip()));
        }
        TrustedCertificates.readCaFile(file); // says what is wrong with it
        return network.withCaFile(file);
    }

    /** Ends the session there is (if any), then begins this one once the old socket can deliver nothing more. */
    private void open(Account account, ConnectionOptions options, Credentials credentials, Keep keep,
            boolean keptAlready, CompletableFuture<Void> outcome) {
        long mine = intent;
        if (current != null) {
            endSession(current, Ending.REPLACED);
        }
        Live live = new Live(account, options, credentials, keep, keptAlready, outcome);
        boolean kept = keep != null;
        CompletableFuture<Void> read = new CompletableFuture<>();
        opening = read; // close() waits for it: no file of the folder is touched after the folder is released
        ending.handle((done, failure) -> null).thenRunAsync(() -> {
            SocketConnection made = null;
            try {
                // Off the store's thread: the account's folder, its history, and the connection (its trusted
                // authorities and its proxy are read as it is made: files, and maybe the desktop's settings).
                Persistence.AccountFiles files = null;
                Loaded<List<Notification>> history = new Loaded<>(List.of(), null);
                Loaded<List<String>> cleared = new Loaded<>(List.of(), null);
                try {
                    if (kept) {
                        profile.flush(); // what the last session of this account wrote is on disk before it is read
                        files = profile.account(account).orElse(null);
                        if (files != null) {
                            history = files.history().load();
                            cleared = files.cleared().load();
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Cannot read the kept history", e);
                }
                RuntimeException unmade = null;
                try {
                    made = new SocketConnection(live.options, codec);
                } catch (RuntimeException e) {
                    unmade = e; // begin() says so, as any other failure to begin
                }
                Prepared prepared = new Prepared(files, history, cleared, made, unmade);
                storeThread.execute(() -> begin(mine, live, prepared));
            } catch (Throwable e) { // the store's thread is gone (Belfry ended): nothing to begin
                if (made != null) {
                    made.close();
                }
                if (outcome != null) {
                    outcome.cancel(false);
                }
            } finally {
                read.complete(null);
            }
        }, background);
    }

    /** What a session's opening prepared off the store's thread: its files, and its connection or why there is none. */
    private record Prepared(Persistence.AccountFiles files, Loaded<List<Notification>> history,
            Loaded<List<String>> cleared, SocketConnection connection, RuntimeException connectionFailure) {
    }

    /**
     * Store thread: begins a session, or nothing at all: if any step fails, what was done is undone (the store
     * forgets, nothing stays bound or listening) and a sign-in waiting for it fails.
     */
    private void begin(long mine, Live live, Prepared prepared) {
        if (closing != null || mine != intent) {
            if (prepared.connection() != null) {
                background.execute(prepared.connection()::close);
            }
            if (live.outcome != null) {
                live.outcome.cancel(false);
            }
            return;
        }
        Persistence.AccountFiles files = prepared.files();
        profile.report(prepared.history().problem());
        profile.report(prepared.cleared().problem());
        try {
            live.files = files;
            ActionJournal journal = files != null ? files.journal() : ActionJournal.IN_MEMORY;
            if (prepared.connection() == null) {
                throw prepared.connectionFailure();
            }
            live.connection = prepared.connection();
            taps.forEach(tap -> tap.accept(live.connection));
            live.connection.addStatusListener(status -> storeThread.execute(() -> onStatus(live, status)));
            live.service = new NotificationService(live.connection, codec, journal, live.gate, store::newestCreatedAt);
            List<Notification> oldestFirst = new ArrayList<>(prepared.history().value());
            Collections.reverse(oldestFirst);
            // Before connecting: the catch-up starts at this account's newest, and brings back nothing it cleared.
            store.restore(oldestFirst, prepared.cleared().value());
            store.bind(live.service);
            if (files != null) {
                live.stopSavingHistory = saveHistoryOnChange(files); // last: nothing to undo after it
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Cannot begin the session", e);
            live.gate.close();
            store.bind(NotificationActions.NONE);
            store.forgetSession();
            if (live.connection != null) {
                SocketConnection connection = live.connection;
                background.execute(connection::close);
            }
            if (live.outcome != null) {
                live.outcome.completeExceptionally(new IllegalStateException(Texts.format("session.cannotBegin",
                        e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e));
            }
            listener.problem(Texts.format("session.cannotBegin", e.getMessage()));
            return;
        }
        current = live;
        endedByServer = null;
        listener.sessionStarted(live.options.serverUrl().toString());
        reportProblems();
        live.service.connect(live.credentials);
    }

    private Runnable saveHistoryOnChange(Persistence.AccountFiles files) {
        String key = historyKey(files);
        String clearedKey = "cleared/" + files.directory().getFileName(); // as finish() writes it
        long[] clearedSaved = {store.clearedVersion()};
        ListChangeListener<Notification> save = change -> {
            List<Notification> snapshot = List.copyOf(store.notifications());
            profile.schedule(key, () -> files.history().save(snapshot));
            if (store.clearedVersion() != clearedSaved[0]) { // a clear or an undo: the ids go with the list
                clearedSaved[0] = store.clearedVersion();
                List<String> ids = List.copyOf(store.clearedIds());
                profile.schedule(clearedKey, () -> files.cleared().save(ids));
            }
        };
        store.notifications().addListener(save);
        return () -> store.notifications().removeListener(save);
    }

    private void onStatus(Live live, ConnectionStatus status) {
        if (live != current) {
            return; // an ended session's last word
        }
        if (status.state() == ConnectionState.CONNECTED) {
            live.everConnected = true;
            settle(live);
        } else if (status.authRequired()) {
            SocketError error = status.error();
            String said = error == null || error.message().isBlank() ? null : error.message();
            Reason reason = live.everConnected ? Reason.SERVER_ENDED : Reason.REFUSED;
            live.lastWord = new ConnectionStatus(ConnectionState.DISCONNECTED, 0, status.maxAttempts(), error, true,
                    false);
            boolean awaited = live.outcome != null && !live.outcome.isDone();
            if (awaited) {
                // A sign-in refused at the handshake: the sign-in view (or headless start) says so.
                live.outcome.completeExceptionally(new RefusedException(said != null ? said
                        : Texts.text("session.refused")));
            }
            endSession(live, live.everConnected ? Ending.SERVER_ENDED : Ending.REFUSED);
            if (awaited) {
                return;
            }
            if (reason == Reason.SERVER_ENDED) {
                endedByServer = live;
            }
            listener.signInNeeded(said == null ? Texts.text("session.ended")
                    : Texts.format("session.endedBecause", said), reason);
        } else if (status.state() == ConnectionState.ERROR || status.retriesExhausted()) {
            settle(live); // the banner explains; the session stays, and is kept: the server may come back
        }
    }

    /** The first outcome of a session: it is kept for the next start, and a sign-in waiting for it is answered. */
    private void settle(Live live) {
        if (live.keep != null && !live.keptAlready && profile.keeps()) {
            live.keptAlready = true;
            Path caFile = live.options.network().caFile();
            profile.keepSession(live.keep.secret(), live.keep.authMode(), live.keep.email(),
                    live.account.identity(), caFile == null ? null : caFile.toString());
        }
        if (live.outcome != null) {
            live.outcome.complete(null);
        }
    }

    // ---- the network

    /**
     * Listens to {@code watch} for as long as this manager lives: after sleep or a network change, the session there
     * is opens its connection again at once. The watch is closed with the manager.
     */
    public void watch(NetworkWatch watch) {
        watch.addListener(reason -> onStoreThread(() -> {
            if (current != null && closing == null) {
                current.service.reopen(reason);
            }
        }, () -> { }));
        networkWatch = watch;
    }

    // ---- actions beside the store's (headless mode's commands)

    /**
     * Marks an id read that the store does not hold (not caught up yet, or past the cap): the server may know it.
     * {@code refused} hears whether the server refused it. False when no session is open.
     */
    public boolean markRead(String notificationId, java.util.function.Consumer<Boolean> refused) {
        if (current == null) {
            return false;
        }
        current.service.markRead(List.of(notificationId)).thenAccept(ids -> refused.accept(!ids.isEmpty()));
        return true;
    }

    /** Joins a channel, now and after every reconnect; false when no session is open. */
    public boolean subscribe(String channel, java.util.function.Consumer<Boolean> answer) {
        if (current == null) {
            return false;
        }
        current.service.subscribe(channel).thenAccept(answer);
        return true;
    }

    public void unsubscribe(String channel) {
        if (current != null) {
            current.service.unsubscribe(channel);
        }
    }

    /** Reads not yet delivered in the session there is (0 when none). */
    public CompletableFuture<Integer> pendingReads() {
        return current == null ? CompletableFuture.completedFuture(0) : current.service.pendingReads();
    }

    // ---- endings

    /** Signs out: disconnects, signs out on the server, forgets the kept session (the guide's order). */
    public void signOut() {
        intent++;
        endedByServer = null;
        if (current != null) {
            endSession(current, Ending.SIGNED_OUT);
        } else {
            profile.forgetKeptSession();
        }
        listener.signInNeeded(Texts.text("session.signedOut"), Reason.SIGNED_OUT);
    }

    /** Connects again: the session there is starts over; one the server ended is opened again, as it was. */
    public void retry() {
        if (current != null) {
            current.service.retry();
            return;
        }
        Live ended = endedByServer;
        if (ended != null && closing == null) {
            intent++;
            endedByServer = null;
            open(ended.account, ended.options, ended.credentials, ended.keep, false, null);
        }
    }

    /**
     * Ends the session for good, in order: disconnects, writes the last history, closes the socket, stops the demo's
     * backend (also one still starting), writes everything pending and releases the data folder. Completes when all
     * of that is done; completes (late) even if the old socket's thread does not answer.
     */
    public CompletableFuture<Void> close() {
        if (closing != null) {
            return closing;
        }
        intent++;
        closing = new CompletableFuture<>();
        if (networkWatch != null) {
            networkWatch.close();
        }
        CompletableFuture<Void> ended = current != null ? endSession(current, Ending.QUIT) : ending;
        EmbeddedBackend backend = embedded;
        embedded = null;
        CompletableFuture<Void> result = closing;
        CompletableFuture<Void> read = opening;
        CompletableFuture.allOf(ended, read).handle((done, failure) -> null).thenRunAsync(() -> {
            try {
                if (backend != null) {
                    backend.close();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Stopping the demo backend failed", e);
            }
            try {
                profile.close();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Writing what was pending failed", e);
            } finally {
                result.complete(null);
            }
        }, background);
        return result;
    }

    /**
     * Ends one session: the socket is disconnected at once; once it can deliver nothing more, the account's history
     * gets its last write, the store forgets it, and the socket's threads are released.
     *
     * @param why decides what else is forgotten (see {@link Ending})
     */
    private CompletableFuture<Void> endSession(Live live, Ending why) {
        if (live.ended) {
            return ending;
        }
        live.ended = true;
        live.gate.close(); // nothing of this socket reaches the store from now on
        if (current == live) {
            current = null;
        }
        if (live.outcome != null && !live.outcome.isDone()) {
            live.outcome.cancel(false); // ended before its first outcome: moot, never left pending
        }
        CompletableFuture<Void> disconnected = live.service.disconnect()
                .completeOnTimeout(null, DISCONNECT_WAIT_SECONDS, TimeUnit.SECONDS);
        CompletableFuture<Void> done = new CompletableFuture<>();
        disconnected.handle((v, failure) -> null).thenRunAsync(() -> finish(live, why, done), storeThread)
                .exceptionally(failure -> {
                    // The store's thread is gone (Belfry ended without waiting), or finishing failed: release the
                    // socket all the same, and never leave the ending pending.
                    LOG.log(Level.WARNING, "Ending a session: {0}", failure.toString());
                    background.execute(() -> {
                        try {
                            live.connection.close();
                        } finally {
                            done.complete(null);
                        }
                    });
                    return null;
                });
        ending = done;
        return done;
    }

    /** Store thread, once the old socket can deliver nothing more. */
    private void finish(Live live, Ending why, CompletableFuture<Void> done) {
        try {
            live.stopSavingHistory.run();
            if (live.files != null) {
                List<Notification> last = List.copyOf(store.notifications());
                List<String> cleared = List.copyOf(store.clearedIds());
                Persistence.AccountFiles files = live.files;
                profile.schedule(historyKey(files), () -> files.history().save(last));
                profile.schedule("cleared/" + files.directory().getFileName(), () -> files.cleared().save(cleared));
            }
            boolean thisIsKept = live.keep != null && live.keptAlready;
            if (why == Ending.SIGNED_OUT || (why == Ending.REFUSED || why == Ending.SERVER_ENDED) && thisIsKept) {
                profile.forgetKeptSession();
            }
        } finally {
            if (current == null) {
                store.bind(NotificationActions.NONE);
                store.forgetSession(); // also what the old socket handed over that no run has applied
                store.onStatus(live.lastWord);
            }
        }
        SocketConnection connection = live.connection;
        background.execute(() -> {
            try {
                if (why == Ending.SIGNED_OUT) {
                    try {
                        new AuthClient(live.options).signOut(live.credentials);
                    } catch (AuthException | RuntimeException e) {
                        LOG.log(Level.WARNING, "Sign-out on the server failed: {0}", e.getMessage());
                    }
                }
                connection.close();
            } finally {
                done.complete(null);
            }
        });
    }

    /** Hands work to the store's thread; when that is gone (Belfry has ended), runs {@code otherwise} here. */
    private void onStoreThread(Runnable task, Runnable otherwise) {
        try {
            storeThread.execute(task);
        } catch (RuntimeException e) {
            otherwise.run();
        }
    }

    private void reportProblems() {
        profile.takeProblems().forEach(listener::problem);
    }

    /** The worker's key for an account's history: one writer, and the latest snapshot lands last. */
    private static String historyKey(Persistence.AccountFiles files) {
        return "history/" + files.directory().getFileName();
    }

    /** What a sign-in's future failed with, unwrapped from the future's own wrapper. */
    public static Throwable cause(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    /** True when a cancelled future is what a superseded sign-in ends with (not a failure to show). */
    public static boolean superseded(Throwable failure) {
        return cause(failure) instanceof CancellationException;
    }
}

package app.belfry;

import app.belfry.i18n.Texts;
import app.belfry.model.ConnectionState;
import app.belfry.model.ConnectionStatus;
import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import app.belfry.net.AuthException;
import app.belfry.net.ConnectionOptions;
import app.belfry.net.NetworkWatch;
import app.belfry.net.SecretRedactor;
import app.belfry.session.Profile;
import app.belfry.session.SessionManager;
import app.belfry.session.SignIn;
import app.belfry.store.NotificationStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.collections.ListChangeListener;

/**
 * {@code belfry --headless}: the same session lifecycle and store without a window, for scripts and terminals, in the
 * manner of ntfy's {@code subscribe}: a printer of JSON lines on stdout and a reader of commands on stdin, over the
 * {@link SessionManager} the window uses.
 *
 * <p>Exit status: 0 after {@code quit}, the end of input or SIGTERM/SIGINT/SIGHUP; 1 when signing in fails for
 * another reason than the credentials; 2 on bad arguments; 3 when the credentials given are refused at start. A
 * session the server ends later prints {@code auth-required} and waits for {@code retry} or {@code quit}.
 */
final class HeadlessMode {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int CREDENTIALS_REFUSED = 3;
    /** How long {@code quit} gives reads still on their way to reach a connected server. */
    private static final long FLUSH_SECONDS = 5;

    private final LaunchOptions options;
    private final SecretRedactor redactor;
    private final PrintStream out;
    private final PrintStream err;
    private final NotificationCodec codec = new NotificationCodec();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    /** Completes when the first connection attempt has an outcome: commands wait for it, so a script sees state. */
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private final ExecutorService storeThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "belfry-store"));
    private volatile boolean signalled;

    HeadlessMode(LaunchOptions options, SecretRedactor redactor, PrintStream out, PrintStream err) {
        this.options = options;
        this.redactor = redactor;
        this.out = out;
        this.err = err;
    }

    /** Ends in order, as {@code quit} does but without waiting for reads on their way (they are kept). Any thread. */
    void requestQuit() {
        signalled = true;
        settled.complete(null);
        exit.complete(OK);
    }

    int run(InputStream in) {
        if (options.server() == null) {
            return usage("headless mode needs --server URL (or BELFRY_SERVER)");
        }
        if (options.email() != null && options.password() == null) {
            return usage("--email needs the password in the environment variable BELFRY_PASSWORD");
        }
        try {
            ConnectionOptions.defaults(options.server());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        redactor.register(options.password());
        redactor.register(options.token());
        // The same profile as the window's: the folder under its lock, the session's secret in the OS keychain
        // unless a folder is given.
        Texts.use(null, java.util.Locale.getDefault()); // the system's language until the settings are read
        Profile profile = Profile.open(options.dataDirPath(), options.dataDir() == null, true, codec,
                Clock.systemUTC());
        Texts.use(profile.settings().preferences().language(), java.util.Locale.getDefault());
        NotificationStore store = new NotificationStore(storeThread,
                options.keep(profile.settings().preferences().keep()));
        Background background = new Background();
        SessionManager sessions = new SessionManager(store, storeThread, background, profile, options.network(),
                codec, redactor, () -> {
                    throw new IllegalStateException("headless mode has no demo");
                }, new SessionManager.Listener() {
                    @Override
                    public void sessionStarted(String serverUrl) {
                    }

                    @Override
                    public void signInNeeded(String message, SessionManager.Reason reason) {
                        onSignInNeeded(message, reason);
                    }

                    @Override
                    public void problem(String message) {
                        emitError("DATA", message);
                    }
                });
        sessions.watch(NetworkWatch.ofSystem(System.getenv()).start()); // after sleep or a network change: reconnect at once
        SessionManager.Start start = options.token() != null || options.email() != null
                ? new SessionManager.Start.WithCredentials(new SignIn(options.server(), options.email(),
                        options.password(), options.token()))
                : new SessionManager.Start.Resume(options.server());
        storeThread.execute(() -> {
            watch(store);
            sessions.start(start).whenComplete((done, failure) -> {
                if (failure != null && !SessionManager.superseded(failure)) {
                    onStartFailed(failure);
                }
            });
        });

        Thread reader = new Thread(() -> readCommands(in, store, sessions), "belfry-stdin");
        reader.setDaemon(true);
        reader.start();
        int status;
        try {
            status = exit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = FAILED;
        } catch (ExecutionException e) {
            status = FAILED;
        }
        if (status == OK && !signalled) {
            flush(store, sessions);
        }
        CompletableFuture<Void> closed = call(sessions::close).thenCompose(future -> future);
        try {
            closed.get(signalled ? ShutdownSignals.LIMIT_MILLIS - 400 : 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            err.println("belfry: the session did not end in time: " + e);
        }
        storeThread.shutdown();
        try {
            storeThread.awaitTermination(signalled ? 100 : 2_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        return status;
    }

    /** Runs on the store's thread and hands back what it returns. */
    private <T> CompletableFuture<T> call(java.util.function.Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            storeThread.execute(() -> {
                try {
                    result.complete(task.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Gives read actions still on their way a few seconds to reach a connected server before quitting. */
    private void flush(NotificationStore store, SessionManager sessions) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLUSH_SECONDS);
        try {
            while (System.nanoTime() < deadline && !signalled) {
                Integer pending = call(() -> sessions.pendingReads()).get(FLUSH_SECONDS, TimeUnit.SECONDS)
                        .get(FLUSH_SECONDS, TimeUnit.SECONDS);
                if (pending == 0 || !call(store::isConnectedNow).get(FLUSH_SECONDS, TimeUnit.SECONDS)) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (Exception e) {
            // quitting anyway: what is not delivered is kept
        }
    }

    private int usage(String message) {
        err.println("belfry: " + message);
        err.print(LaunchOptions.USAGE);
        return BAD_ARGUMENTS;
    }

    // ---- output (store thread)

    private void onStartFailed(Throwable failure) {
        Throwable cause = SessionManager.cause(failure);
        if (cause instanceof AuthException auth && !auth.credentialsRefused()) {
            emitError(auth.code() != null ? auth.code() : "SIGN_IN_FAILED", auth.getMessage());
            exit.complete(FAILED);
        } else if (cause instanceof AuthException || cause instanceof SessionManager.RefusedException) {
            emitError("UNAUTHORIZED", cause.getMessage());
            emit(line("auth-required"));
            exit.complete(CREDENTIALS_REFUSED);
        } else {
            emitError("SIGN_IN_FAILED", cause.getMessage());
            exit.complete(FAILED);
        }
        settled.complete(null);
    }

    private void onSignInNeeded(String message, SessionManager.Reason reason) {
        if (reason == SessionManager.Reason.NOTHING_KEPT) {
            err.println("belfry: headless mode needs --token TOKEN (or BELFRY_TOKEN) or --email EMAIL: no session "
                    + "is kept for " + options.server());
            err.print(LaunchOptions.USAGE);
            exit.complete(BAD_ARGUMENTS);
        } else {
            emitError("UNAUTHORIZED", message == null ? "Sign-in required" : message);
            emit(line("auth-required"));
        }
        settled.complete(null);
    }

    private void watch(NotificationStore store) {
        store.statusProperty().addListener((o, was, status) -> onStatus(status));
        store.unreadCountProperty().addListener((o, was, count) -> emit(line("unread").put("count", count.intValue())));
        store.errorProperty().addListener((o, was, error) -> {
            if (error != null && !error.isUnauthorized() && !error.retryWillNotFix()) {
                emitError(error.code(), error.message());
            }
        });
        store.noticeProperty().addListener((o, was, notice) -> {
            if (notice != null) {
                emitError("DATA", notice);
                store.dismissNotice();
            }
        });
        store.notifications().addListener((ListChangeListener<Notification>) change -> {
            while (change.next()) {
                if (change.wasReplaced()) {
                    List<? extends Notification> removed = change.getRemoved();
                    List<? extends Notification> added = change.getAddedSubList();
                    for (int i = 0; i < added.size(); i++) {
                        if (i >= removed.size() || !removed.get(i).equals(added.get(i))) {
                            emit(line("updated").set("notification", codec.toJson(added.get(i))));
                        }
                    }
                } else if (change.wasRemoved() && !change.wasAdded()) {
                    for (Notification gone : change.getRemoved()) { // a clear, not one pushed out past --keep
                        if (store.clearedIds().contains(gone.id())) {
                            emit(line("cleared").put("id", gone.id()));
                        }
                    }
                } else if (change.wasAdded()) {
                    List<? extends Notification> added = change.getAddedSubList();
                    for (int i = added.size() - 1; i >= 0; i--) { // oldest first, as they came
                        emit(line("notification").set("notification", codec.toJson(added.get(i))));
                    }
                }
            }
        });
    }

    private void onStatus(ConnectionStatus status) {
        ObjectNode state = line("state").put("state", status.state().wireName()).put("attempt", status.attempt());
        if (status.retriesExhausted()) {
            state.put("retriesExhausted", true);
        }
        emit(state);
        if (status.retriesExhausted() && status.error() != null && status.error().retryWillNotFix()) {
            emitError(status.error().code(), status.error().message()); // said after every attempt, Retry's too
        }
        if (status.state() == ConnectionState.CONNECTED || status.state() == ConnectionState.ERROR
                || status.retriesExhausted()) {
            settled.complete(null);
        }
    }

    private ObjectNode line(String event) {
        return NotificationCodec.mapper().createObjectNode().put("event", event);
    }

    private void emitError(String code, String message) {
        ObjectNode line = line("error");
        if (code != null) {
            line.put("code", code);
        }
        emit(line.put("message", message == null ? "" : message));
    }

    private void emit(ObjectNode line) {
        String text = redactor.redact(line.toString());
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    // ---- input (its own thread; every command runs on the store's)

    private void readCommands(InputStream in, NotificationStore store, SessionManager sessions) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                String command = line.strip();
                if (command.isEmpty()) {
                    continue;
                }
                if (command.equals("quit")) {
                    break;
                }
                awaitSettled();
                // Waits until the command has run: a read is on disk before the next line is taken.
                call(() -> {
                    execute(command, store, sessions);
                    store.forgetUndo(); // no Undo here: what a clear removed is not held for one
                    return null;
                }).get(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            emitError("INPUT", "Cannot read commands: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the store's thread is gone: Belfry is ending
        }
        awaitSettled(); // a token refused at start still ends with status 3 when the input is already over
        call(() -> exit.complete(OK)); // after the commands before it
    }

    private void awaitSettled() {
        try {
            settled.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // cannot happen: completed with null only
        }
    }

    private void execute(String command, NotificationStore store, SessionManager sessions) {
        String[] words = command.split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "read" -> {
                if (argument.isEmpty()) {
                    emitError("BAD_COMMAND", "read needs a notification id");
                } else if (store.notifications().stream().anyMatch(n -> n.id().equals(argument))) {
                    store.markAsRead(argument);
                } else if (!sessions.markRead(argument, refused -> {
                    if (!refused) {
                        return;
                    }
                    emitError("NOT_FOUND", "The server does not know notification " + abbreviate(argument));
                })) {
                    emitError("BAD_COMMAND", "Not signed in: nothing to read");
                }
            }
            case "read-all" -> store.markAllAsRead();
            case "clear" -> {
                if (argument.isEmpty()) {
                    emitError("BAD_COMMAND", "clear needs a notification id");
                } else if (store.clear(argument) == 0) {
                    emitError("NOT_FOUND", "No notification " + abbreviate(argument) + " is kept here");
                }
            }
            case "clear-read" -> store.clearRead();
            case "clear-all" -> store.clearAll();
            case "subscribe" -> {
                if (argument.isEmpty()) {
                    emitError("BAD_COMMAND", "subscribe needs a channel");
                } else if (!sessions.subscribe(argument, ok -> emit(line("subscribe").put("channel", argument)
                        .put("success", ok)))) {
                    emitError("BAD_COMMAND", "Not signed in: nothing to subscribe");
                }
            }
            case "unsubscribe" -> {
                if (argument.isEmpty()) {
                    emitError("BAD_COMMAND", "unsubscribe needs a channel");
                } else {
                    sessions.unsubscribe(argument);
                }
            }
            case "retry" -> sessions.retry();
            default -> emitError("BAD_COMMAND", "Unknown command: " + abbreviate(words[0])
                    + " (commands: read ID, read-all, clear ID, clear-read, clear-all, subscribe CHANNEL, "
                    + "unsubscribe CHANNEL, retry, quit)");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}

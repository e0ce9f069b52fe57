package app.belfry;

import app.belfry.model.ConnectionState;
import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import app.belfry.model.SocketError;
import app.belfry.model.ActionJournal;
import app.belfry.net.AuthClient;
import app.belfry.net.AuthException;
import app.belfry.net.ConnectionOptions;
import app.belfry.model.ConnectionStatus;
import app.belfry.net.Credentials;
import app.belfry.net.NotificationService;
import app.belfry.net.SecretRedactor;
import app.belfry.net.SocketConnection;
import app.belfry.persist.DataDirectory;
import app.belfry.persist.FolderLock;
import app.belfry.persist.Persistence;
import java.nio.file.Path;
import java.time.Clock;
import app.belfry.store.NotificationStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;

/**
 * {@code belfry --headless}: the same service and store without a window, for scripts and terminals, in the
 * manner of ntfy's {@code subscribe}: JSON lines on stdout, one command a line on stdin.
 *
 * <p>Exit status: 0 after {@code quit} or the end of input, 2 on bad arguments, 3 when the credentials given on
 * the command line are refused at start. A session revoked later prints {@code auth-required} and waits for
 * {@code retry} or {@code quit}.
 */
final class HeadlessMode {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int CREDENTIALS_REFUSED = 3;

    private FolderLock folderLock; // held while this run uses the data folder
    private final LaunchOptions options;
    private final String password;
    private final SecretRedactor redactor;
    private final PrintStream out;
    private final PrintStream err;
    private final NotificationCodec codec = new NotificationCodec();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    /** Completes when the first connection attempt has an outcome: commands wait for it, so a script sees state. */
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private boolean everConnected; // store thread

    HeadlessMode(LaunchOptions options, String password, SecretRedactor redactor, PrintStream out, PrintStream err) {
        this.options = options;
        this.password = password;
        this.redactor = redactor;
        this.out = out;
        this.err = err;
    }

    int run(InputStream in) {
        if (options.server() == null) {
            return usage("headless mode needs --server URL (or BELFRY_SERVER)");
        }
        if (options.token() == null && options.email() == null) {
            return usage("headless mode needs --token TOKEN (or BELFRY_TOKEN) or --email EMAIL");
        }
        if (options.email() != null && (password == null || password.isEmpty())) {
            return usage("--email needs the password in the environment variable BELFRY_PASSWORD");
        }
        ConnectionOptions connectionOptions;
        try {
            connectionOptions = ConnectionOptions.defaults(options.server());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        redactor.register(password);
        Credentials credentials;
        if (options.token() != null) {
            credentials = new Credentials.BearerToken(options.token());
        } else {
            try {
                AuthClient.Session session = new AuthClient(connectionOptions).signIn(options.email(), password);
                credentials = session.cookie();
                redactor.register(session.token());
            } catch (AuthException e) {
                emitError(e.credentialsRefused() ? "UNAUTHORIZED" : "SIGN_IN_FAILED", e.getMessage());
                return e.credentialsRefused() ? CREDENTIALS_REFUSED : FAILED;
            }
        }
        redactor.register(credentials);

        ExecutorService storeThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "belfry-store"));
        NotificationStore store = new NotificationStore(storeThread, options.maxNotifications());
        Persistence files = openPersistence();
        SocketConnection connection = new SocketConnection(connectionOptions, codec);
        NotificationService service = new NotificationService(connection, codec,
                files != null ? files.journal() : ActionJournal.IN_MEMORY, store, store::newestCreatedAt);
        store.bind(service);
        storeThread.execute(() -> {
            if (files != null) {
                restoreHistory(files, store);
            }
            watch(store);
        });
        service.connect(credentials);

        Thread reader = new Thread(() -> readCommands(in, store, service, storeThread), "belfry-stdin");
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
        if (status == OK) {
            flush(service);
        }
        connection.close();
        storeThread.shutdown();
        if (files != null) {
            try {
                storeThread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            files.close(); // writes the last history and the actions not yet delivered
            folderLock.close();
        }
        try {
            storeThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        return status;
    }

    /**
     * The data folder, as the window uses it, under its lock (held until the run ends); null (and a message)
     * when it cannot be used, or another Belfry uses it: then nothing of its files is touched.
     */
    private Persistence openPersistence() {
        try {
            Path dir = DataDirectory.open(options.dataDirPath());
            java.util.Optional<FolderLock> lock = FolderLock.tryLock(dir);
            if (lock.isEmpty()) {
                emitError("DATA", "Another Belfry is using the data folder " + dir + "; nothing will be kept "
                        + "(give this one its own with --data-dir)");
                return null;
            }
            try {
                Persistence files = new Persistence(dir, codec, Clock.systemUTC());
                folderLock = lock.get();
                return files;
            } catch (RuntimeException e) {
                lock.get().close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            emitError("DATA", "Cannot use the data folder (" + e.getMessage() + "); nothing will be kept");
            return null;
        }
    }

    /** Store thread: the kept history first (not printed again), then saved on every change. */
    private void restoreHistory(Persistence files, NotificationStore store) {
        KeptHistory.attach(files, store);
        files.takeProblems().forEach(problem -> emitError("DATA", problem));
    }

    /** Gives read actions still on their way a few seconds to reach a connected server before quitting. */
    private static void flush(NotificationService service) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (service.pendingReads().get(5, TimeUnit.SECONDS) > 0 && System.nanoTime() < deadline
                    && service.isConnected()) {
                service.awaitProgress(100, TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            // quitting anyway
        }
    }

    private int usage(String message) {
        err.println("belfry: " + message);
        err.print(LaunchOptions.USAGE);
        return BAD_ARGUMENTS;
    }

    // ---- output (store thread)

    private void watch(NotificationStore store) {
        store.statusProperty().addListener((o, was, status) -> onStatus(status));
        store.unreadCountProperty().addListener((o, was, count) -> emit(line("unread").put("count", count.intValue())));
        store.errorProperty().addListener((o, was, error) -> {
            if (error != null && !error.isUnauthorized()) {
                emitError(error.code(), error.message());
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
        if (status.state() == ConnectionState.CONNECTED) {
            everConnected = true;
        }
        if (status.state() == ConnectionState.CONNECTED || status.state() == ConnectionState.ERROR
                || status.authRequired() || status.retriesExhausted()) {
            settled.complete(null);
        }
        if (status.authRequired()) {
            SocketError error = status.error();
            emitError("UNAUTHORIZED", error == null ? "Sign-in required" : error.message());
            emit(line("auth-required"));
            if (!everConnected) {
                exit.complete(CREDENTIALS_REFUSED); // the token given on the command line was refused
            }
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

    private void readCommands(InputStream in, NotificationStore store, NotificationService service,
            ExecutorService storeThread) {
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
                storeThread.execute(() -> execute(command, store, service));
            }
        } catch (IOException e) {
            emitError("INPUT", "Cannot read commands: " + e.getMessage());
        }
        awaitSettled(); // a token refused at start still ends with status 3 when the input is already over
        storeThread.execute(() -> exit.complete(OK)); // after the commands before it
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

    private void execute(String command, NotificationStore store, NotificationService service) {
        String[] words = command.split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "read" -> {
                if (argument.isEmpty()) {
                    emitError("BAD_COMMAND", "read needs a notification id");
                } else if (store.notifications().stream().anyMatch(n -> n.id().equals(argument))) {
                    store.markAsRead(argument);
                } else {
                    // Not held here (not yet caught up, or past the cap): the server may know it all the same.
                    service.markRead(List.of(argument)).thenAccept(refused -> {
                        if (!refused.isEmpty()) {
                            emitError("NOT_FOUND", "The server does not know notification " + abbreviate(argument));
                        }
                    });
                }
            }
            case "read-all" -> store.markAllAsRead();
            case "subscribe" -> {
                if (argument.isEmpty()) {
                    emitError("BAD_COMMAND", "subscribe needs a channel");
                } else {
                    service.subscribe(argument).thenAccept(ok -> emit(line("subscribe").put("channel", argument)
                            .put("success", ok)));
                }
            }
            case "unsubscribe" -> {
                if (argument.isEmpty()) {
                    emitError("BAD_COMMAND", "unsubscribe needs a channel");
                } else {
                    service.unsubscribe(argument);
                }
            }
            case "retry" -> store.retry();
            default -> emitError("BAD_COMMAND", "Unknown command: " + abbreviate(words[0])
                    + " (commands: read ID, read-all, subscribe CHANNEL, unsubscribe CHANNEL, retry, quit)");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}

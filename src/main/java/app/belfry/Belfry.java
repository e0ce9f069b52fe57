package app.belfry;

import app.belfry.model.ConnectionState;
import app.belfry.model.ConnectionStatus;
import app.belfry.desktop.DesktopIntegration;
import app.belfry.desktop.InAppPopupSink;
import app.belfry.desktop.TrayController;
import app.belfry.persist.CredentialStore;
import java.util.List;
import app.belfry.persist.DataDirectory;
import app.belfry.persist.FolderLock;
import app.belfry.persist.Loaded;
import app.belfry.persist.Persistence;
import app.belfry.persist.Settings;
import app.belfry.model.NotificationCodec;
import app.belfry.model.SocketError;
import app.belfry.model.ActionJournal;
import app.belfry.net.AuthClient;
import app.belfry.net.AuthException;
import app.belfry.net.ConnectionOptions;
import app.belfry.net.Credentials;
import app.belfry.net.NotificationService;
import app.belfry.net.SecretRedactor;
import app.belfry.net.SocketConnection;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.store.NotificationStore;
import app.belfry.ui.MainWindow;
import app.belfry.ui.SessionControl;
import java.io.IOException;
import java.nio.file.Path;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.stage.Stage;

/**
 * One Belfry window and everything behind it: the store (on the FX thread), the connection and service of the
 * signed-in session, sign-in and sign-out, and, for the demo, the embedded reference backend. The window shows at
 * once; the backend and the network start off the FX thread, and come back to it through one executor.
 *
 * <p>QA opens it from a TestFX {@code @Start} method: {@code Belfry.open(stage, LaunchOptions.parse(args, env))}.
 */
public final class Belfry implements SessionControl, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Belfry.class.getName());
    public static final int DEMO_FEED_SECONDS = 8;

    /** The store's thread is the FX thread; this is the one place other threads enter it. */
    private final Executor fxThread = Platform::runLater;
    private final LaunchOptions options;
    private final SecretRedactor redactor;
    private final NotificationStore store;
    private final MainWindow window;
    private final NotificationCodec codec = new NotificationCodec();

    /** Belfry's files; null for the demo (its backend starts empty every time, so its history would mislead). */
    private Persistence persistence; // set once: at start, or when a first sign-in leaves the demo
    /** The data folder's lock, null when another Belfry holds it (then this one keeps nothing). */
    private final FolderLock folderLock;
    private final SingleInstance singleInstance;
    /**
     * On the embedded demo: {@code --demo}, or no server given and none signed in to before (a first start). Once
     * a session with a server of the user's has been kept, Belfry starts on that server, not on the demo.
     */
    private final boolean demo;
    private Settings settings = Settings.DEFAULTS;

    // FX thread.
    private Stage stage;
    private TrayController tray;
    private DesktopIntegration desktop;
    private Session session;
    private volatile ReferenceServer embedded;
    private boolean closed;

    /** What one signed-in session holds. */
    private record Session(ConnectionOptions options, Credentials credentials, SocketConnection connection,
            NotificationService service) {
    }

    private Belfry(Stage stage, LaunchOptions options, SecretRedactor redactor) {
        this.options = options;
        this.redactor = redactor;
        this.store = new NotificationStore(fxThread, options.maxNotifications());
        this.demo = options.demo()
                || options.embedded() && DataDirectory.keptServer(options.dataDirPath()).isEmpty();
        String note = demo ? "Demo: an embedded backend sends a notification every " + DEMO_FEED_SECONDS
                + " seconds. Sign out from Account to sign in to your own server, or start Belfry with --server URL."
                : null;
        this.window = new MainWindow(store, this, note);
        this.folderLock = lockFolder();
        // A second start (from the menu, while this one sits in the tray) brings this window to the front.
        this.singleInstance = folderLock == null ? null
                : SingleInstance.listen(folderLock.directory(), () -> fxThread.execute(this::openWindow));
        this.persistence = openPersistence();
        window.setServerUrl(options.server() != null ? options.server() : settings.server());
        stage.setTitle("Belfry");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = Belfry.class.getResource("icons/belfry-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.setScene(window.scene(960, 640));
        stage.show();
        this.stage = stage;
        installDesktop();
    }

    /** Popups, do-not-disturb and the tray icon; the tray and D-Bus come up off the FX thread, after the frame. */
    private void installDesktop() {
        desktop = new DesktopIntegration(store, stage.focusedProperty(), List.of(new InAppPopupSink(stage, fxThread)),
                () -> new DesktopIntegration.Quiet(settings.quietFrom(), settings.quietTo(), settings.errorsBreakThrough()),
                this::openWindowAt, fxThread);
        window.doNotDisturbProperty().set(settings.doNotDisturb());
        desktop.doNotDisturbProperty().bind(window.doNotDisturbProperty());
        window.doNotDisturbProperty().addListener((o, was, on) -> {
            settings = settings.withDoNotDisturb(on);
            saveSettings();
            if (tray != null) {
                tray.showDoNotDisturb(on);
            }
        });
        window.quietFromProperty().set(settings.quietFrom());
        window.quietToProperty().set(settings.quietTo());
        window.errorsBreakThroughProperty().set(settings.errorsBreakThrough());
        javafx.beans.InvalidationListener quietChanged = o -> {
            settings = settings.withQuietHours(window.quietFromProperty().get(), window.quietToProperty().get(),
                    window.errorsBreakThroughProperty().get());
            saveSettings();
        };
        window.quietFromProperty().addListener(quietChanged);
        window.quietToProperty().addListener(quietChanged);
        window.errorsBreakThroughProperty().addListener(quietChanged);
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        DesktopIntegration integration = desktop;
        afterFirstFrame(() -> background("belfry-desktop", () -> {
            // AWT starts here, not on the FX thread before the first frame.
            TrayController.Actions actions = new TrayController.Actions(this::openWindow, store::markAllAsRead,
                    on -> window.doNotDisturbProperty().set(on), this::signOut, this::quit);
            TrayController.install(actions, fxThread).ifPresent(installed -> fxThread.execute(() -> useTray(installed,
                    linux)));
            if (linux) {
                // The freedesktop notification service (GNOME, KDE, …), which works where the AWT tray does not.
                app.belfry.desktop.DbusPopupSink.connect(iconFile()).ifPresent(sink -> fxThread.execute(() -> {
                    if (closed) {
                        sink.close();
                    } else {
                        integration.prefer(sink);
                    }
                }));
            }
        }));
    }

    /** Runs a task once the window's first frame is on screen: start-up work must not compete with it. */
    private void afterFirstFrame(Runnable task) {
        javafx.animation.AnimationTimer timer = new javafx.animation.AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames >= 2) { // the first frame has been drawn when the second pulse comes
                    stop();
                    task.run();
                }
            }
        };
        timer.start();
    }

    /** Belfry's icon as a file, for the desktop's notification service to show beside each popup ("" if none). */
    private static String iconFile() {
        try (var in = Belfry.class.getResourceAsStream("icons/belfry-128.png")) {
            if (in == null) {
                return "";
            }
            byte[] png = in.readAllBytes();
            java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                    "belfry-" + Launcher.version() + "-128.png");
            if (!java.nio.file.Files.exists(file) || java.nio.file.Files.size(file) != png.length) {
                java.nio.file.Path temp = java.nio.file.Files.createTempFile(file.getParent(), "belfry-icon", ".png");
                java.nio.file.Files.write(temp, png);
                java.nio.file.Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return file.toAbsolutePath().toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** FX thread: the tray is there. */
    private void useTray(TrayController installed, boolean linux) {
        if (closed) {
            installed.close();
            return;
        }
        tray = installed;
        if (!linux) {
            desktop.prefer(installed); // Windows, macOS: the tray's own balloons are the native popups
        }
        tray.showDoNotDisturb(settings.doNotDisturb());
        javafx.beans.InvalidationListener follow = o -> tray.update(store.unreadCount(), store.isConnectedNow());
        store.unreadCountProperty().addListener(follow);
        store.connectedProperty().addListener(follow);
        follow.invalidated(null);
        // With a tray, closing the window hides it; Quit is in the tray's menu.
        Platform.setImplicitExit(false);
        stage.setOnCloseRequest(e -> {
            e.consume();
            stage.hide();
        });
    }

    private void openWindow() {
        stage.show();
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
    }

    private void openWindowAt(String notificationId) {
        openWindow();
        if (notificationId != null) {
            window.reveal(notificationId);
        }
    }

    private void quit() {
        close();
        Platform.exit();
    }

    private void saveSettings() {
        if (persistence != null) {
            Settings toSave = settings;
            Persistence files = persistence;
            files.worker().schedule("settings", () -> files.settings().save(toSave));
        }
    }

    /** Opens the data folder, restores the history into the store (before any connection), and saves it on change. */
    private Persistence openPersistence() {
        return openPersistence(false);
    }

    /** The data folder's lock: one Belfry per folder. Null for the smoke test, and when another Belfry holds it. */
    private FolderLock lockFolder() {
        if (options.command() == LaunchOptions.Command.SMOKE_TEST) {
            return null;
        }
        try {
            Path dir = DataDirectory.open(options.dataDirPath());
            java.util.Optional<FolderLock> lock = FolderLock.tryLock(dir);
            if (lock.isEmpty()) {
                store.postNotice("Another Belfry is using " + dir + "; this one keeps nothing after it closes.");
            }
            return lock.orElse(null);
        } catch (IOException | RuntimeException e) {
            store.postNotice("Belfry cannot use its data folder (" + e.getMessage()
                    + "); nothing will be kept after it closes.");
            return null;
        }
    }

    private Persistence openPersistence(boolean leavingDemo) {
        if (demo && options.dataDir() == null && !leavingDemo) {
            return null; // the demo keeps nothing
        }
        if (folderLock == null) {
            return null; // said so when the lock was refused
        }
        Persistence files;
        try {
            // The keychain holds one Belfry session per user, which belongs to the user's own data folder; a folder
            // given with --data-dir (a second profile, a test) keeps its session in its own file.
            files = options.dataDir() == null
                    ? Persistence.withKeychain(folderLock.directory(), codec, java.time.Clock.systemUTC())
                    : new Persistence(folderLock.directory(), codec, java.time.Clock.systemUTC());
        } catch (RuntimeException e) {
            store.postNotice("Belfry cannot use its data folder (" + e.getMessage()
                    + "); nothing will be kept after it closes.");
            return null;
        }
        Loaded<Settings> loadedSettings = files.settings().load();
        if (!leavingDemo) {
            settings = loadedSettings.value();
        } // else what was chosen during the demo (do-not-disturb, quiet hours) stands, and is saved from now on
        files.report(loadedSettings.problem());
        KeptHistory.attach(files, store);
        return files;
    }

    private void reportFileProblems() {
        if (persistence != null) {
            persistence.takeProblems().forEach(store::postNotice);
        }
    }

    /** Opens Belfry in this stage and starts connecting. Call on the FX thread. */
    public static Belfry open(Stage stage, LaunchOptions options) {
        UncaughtExceptions.installOnCurrentThread();
        Belfry belfry = new Belfry(stage, options, Launcher.REDACTOR);
        belfry.start();
        return belfry;
    }

    public NotificationStore store() {
        return store;
    }

    /** The embedded demo backend, when Belfry runs on it; else null. */
    public ReferenceServer embeddedServer() {
        return embedded;
    }

    private void start() {
        reportFileProblems();
        if (demo) {
            afterFirstFrame(() -> background("belfry-demo", () -> {
                try {
                    ReferenceServer server = ReferenceServer.start(ServerOptions.defaults()
                            .withDemoFeed(DEMO_FEED_SECONDS));
                    embedded = server;
                    server.publishDemo(6);
                    // In-process, so the demo needs no HTTP client (and its TLS set-up) to sign in.
                    Credentials demo = new Credentials.BearerToken(server.issueToken(ServerOptions.DEMO_USER.email()));
                    fxThread.execute(() -> {
                        window.setServerUrl(server.url());
                        openSession(ConnectionOptions.defaults(server.url()), demo);
                    });
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.ERROR, "Cannot start the demo backend", e);
                    fxThread.execute(() -> store.onError(new SocketError("Cannot start the demo backend: "
                            + e.getMessage(), null)));
                }
            }));
        } else if (options.token() != null || options.email() != null && System.getenv("BELFRY_PASSWORD") != null) {
            signIn(new SignInForm(options.server(), options.email(), System.getenv("BELFRY_PASSWORD"), options.token()))
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            window.showSignIn(failure.getCause() != null ? failure.getCause().getMessage()
                                    : failure.getMessage());
                        }
                    });
        } else if (persistence != null) {
            // A session kept from before? The keychain is asked off the FX thread; the history shows meanwhile.
            Persistence files = persistence;
            background("belfry-session", () -> {
                java.util.Optional<CredentialStore.Stored> stored;
                try {
                    stored = files.credentials().load();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Cannot read the kept session: {0}", e.getMessage());
                    stored = java.util.Optional.empty();
                }
                java.util.Optional<CredentialStore.Stored> found = stored;
                fxThread.execute(() -> resume(found));
            });
        } else {
            window.showSignIn(null);
        }
    }

    /** FX thread: goes on with a kept session for this server, or asks to sign in. */
    private void resume(java.util.Optional<CredentialStore.Stored> stored) {
        if (closed || session != null) {
            return;
        }
        if (stored.isPresent() && (options.server() == null || sameServer(options.server(), stored.get().server()))) {
            try {
                openSession(ConnectionOptions.defaults(stored.get().server()), credentials(stored.get()));
                return;
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "The kept session's server is not a URL: {0}", e.getMessage());
            }
        }
        window.showSignIn(null);
    }

    private static boolean sameServer(String a, String b) {
        return ConnectionOptions.defaults(a).serverUrl().equals(ConnectionOptions.defaults(b).serverUrl());
    }

    private static Credentials credentials(CredentialStore.Stored stored) {
        return stored.kind().startsWith("cookie:")
                ? new Credentials.SessionCookie(stored.kind().substring("cookie:".length()), stored.secret())
                : new Credentials.BearerToken(stored.secret());
    }

    /** Remembers a session that the server accepted: the server and email in the settings, the secret aside. */
    private void remember(ConnectionOptions connectionOptions, Credentials credentials, String email) {
        if (persistence == null && demo && !options.demo()) {
            // Signed in to a server of the user's from the demo: from now on Belfry keeps its files, and starts
            // on that server next time.
            persistence = openPersistence(true);
        }
        if (persistence == null) {
            return;
        }
        String server = connectionOptions.serverUrl().toString();
        settings = settings.withSession(server, credentials instanceof Credentials.BearerToken ? "token" : "cookie",
                email);
        Persistence files = persistence;
        saveSettings();
        CredentialStore.Stored stored = credentials instanceof Credentials.SessionCookie cookie
                ? new CredentialStore.Stored(server, "cookie:" + cookie.name(), cookie.value())
                : new CredentialStore.Stored(server, "token", ((Credentials.BearerToken) credentials).token());
        files.worker().schedule("credentials", () -> files.credentials().save(stored));
    }

    // ---- SessionControl (FX thread)

    @Override
    public CompletableFuture<Void> signIn(SignInForm form) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        ConnectionOptions connectionOptions;
        try {
            connectionOptions = ConnectionOptions.defaults(form.server());
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(new IllegalArgumentException(e.getMessage()));
            return result;
        }
        background("belfry-sign-in", () -> {
            try {
                Credentials credentials;
                if (form.usesToken()) {
                    credentials = new Credentials.BearerToken(form.token());
                } else {
                    redactor.register(form.password());
                    credentials = new AuthClient(connectionOptions).signIn(form.email(), form.password()).cookie();
                }
                fxThread.execute(() -> {
                    openSession(connectionOptions, credentials);
                    awaitOutcome(result);
                    result.thenRun(() -> remember(connectionOptions, credentials, form.usesToken() ? null : form.email()));
                });
            } catch (AuthException e) {
                fxThread.execute(() -> result.completeExceptionally(e));
            }
        });
        return result;
    }

    /** Completes when the new session connects (or fails in a way the banner explains); fails on a refusal. */
    private void awaitOutcome(CompletableFuture<Void> result) {
        Session awaited = session;
        ChangeListener<ConnectionStatus> listener = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends ConnectionStatus> o,
                    ConnectionStatus was, ConnectionStatus status) {
                if (session != awaited) {
                    // Signed out (or replaced) before it connected: this outcome is no longer anyone's. It is left
                    // open: completing it would remember the session, failing it would show an error over a newer
                    // sign-in; the sign-in view was reset when the session ended.
                    store.statusProperty().removeListener(this);
                } else if (status.authRequired()) {
                    store.statusProperty().removeListener(this);
                    SocketError error = status.error();
                    result.completeExceptionally(new IllegalStateException(error == null || error.message().isBlank()
                            ? "The server refused the session" : error.message()));
                } else if (status.state() == ConnectionState.CONNECTED || status.state() == ConnectionState.ERROR
                        || status.retriesExhausted()) {
                    store.statusProperty().removeListener(this);
                    window.showInbox();
                    result.complete(null);
                }
            }
        };
        store.statusProperty().addListener(listener);
    }

    @Override
    public void signOut() {
        Session ending = session;
        session = null;
        if (ending == null) {
            window.showSignIn(null);
            return;
        }
        // The guide's order: disconnect first, then sign out on the server, then forget the credentials.
        // The list is cleared once the old socket can deliver nothing more, and what it had handed over but the store
        // has not applied yet is dropped with it: none of the old session's notifications is left for the next user.
        // Reads still queued were the old user's: they go with the session, not to the next one's server.
        Persistence kept = persistence;
        ending.service().disconnect().thenRunAsync(() -> {
            store.forgetSession();
            if (kept != null) {
                kept.journal().save(List.of());
            }
        }, fxThread);
        background("belfry-sign-out", () -> {
            try {
                new AuthClient(ending.options()).signOut(ending.credentials());
            } catch (AuthException e) {
                LOG.log(Level.WARNING, "Sign-out on the server failed: {0}", e.getMessage());
            } finally {
                ending.connection().close();
            }
        });
        if (persistence != null) {
            Persistence files = persistence;
            files.worker().schedule("credentials", () -> files.credentials().delete());
        }
        window.showSignIn("Signed out.");
    }

    private void openSession(ConnectionOptions connectionOptions, Credentials credentials) {
        if (closed) {
            return;
        }
        redactor.register(credentials);
        Session previous = session;
        if (previous != null) {
            previous.connection().close();
        }
        SocketConnection connection = new SocketConnection(connectionOptions, codec);
        if (persistence != null) {
            persistence.worker().flush(); // the journal on disk is the last session's final word before it loads
        }
        NotificationService service = new NotificationService(connection, codec,
                persistence != null ? persistence.journal() : ActionJournal.IN_MEMORY, store, store::newestCreatedAt);
        store.bind(service);
        session = new Session(connectionOptions, credentials, connection, service);
        window.setServerUrl(connectionOptions.serverUrl().toString());
        window.showInbox();
        service.connect(credentials);
    }

    private static void background(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes the session and the embedded backend. FX thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        window.close();
        if (desktop != null) {
            desktop.close(); // closes the sinks
        }
        if (tray != null) {
            tray.close();
        }
        if (session != null) {
            session.connection().close();
            session = null;
        }
        ReferenceServer server = embedded;
        if (server != null) {
            server.close();
        }
        if (singleInstance != null) {
            singleInstance.close();
        }
        if (persistence != null) {
            persistence.close();
        }
        if (folderLock != null) {
            folderLock.close();
        }
    }
}

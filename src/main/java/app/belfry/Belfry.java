package app.belfry;

import app.belfry.desktop.DesktopIntegration;
import app.belfry.desktop.InAppPopupSink;
import app.belfry.desktop.SystemColorScheme;
import app.belfry.desktop.TrayController;
import app.belfry.desktop.autostart.Autostart;
import app.belfry.desktop.autostart.AutostartException;
import app.belfry.i18n.Texts;
import app.belfry.model.NotificationCodec;
import app.belfry.net.NetworkWatch;
import app.belfry.persist.DataDirectory;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.session.EmbeddedBackend;
import app.belfry.session.Profile;
import app.belfry.session.SessionManager;
import app.belfry.session.SignIn;
import app.belfry.store.NotificationStore;
import app.belfry.ui.Appearance;
import app.belfry.ui.FrameExecutor;
import app.belfry.ui.MainWindow;
import app.belfry.ui.SessionControl;
import app.belfry.ui.StartAtLogin;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The window's composition: the store (on the FX thread), the main window, the tray and popups, and the
 * {@link SessionManager} that owns the session's lifecycle, over the data folder's {@link Profile}. The window shows
 * at once; the backend, the network and the desktop's services start off the FX thread, on one background
 * executor, and come back through {@link #fxThread}.
 *
 * <p>QA opens it from a TestFX {@code @Start} method: {@code Belfry.open(stage, LaunchOptions.parse(args, env))}.
 * It ends with {@link #quit} (the tray's Quit, the window's close button without a tray, an OS signal) or
 * {@link #shutDown}: both end the session in order, and the latter's future completes when everything is written.
 */
public final class Belfry implements SessionControl, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Belfry.class.getName());

    public static final int DEMO_FEED_SECONDS = 8;

    /** The store's thread is the FX thread; this is the one place other threads enter it. */
    private final Executor fxThread = Platform::runLater;
    private final Background background;
    private final LaunchOptions options;
    private final NotificationStore store;
    /** One codec for the kept history and the socket: one limit on the warnings about bad payloads. */
    private final NotificationCodec codec = new NotificationCodec();
    private final MainWindow window;
    private final Profile profile;
    private final SessionManager sessions;
    private final SingleInstance singleInstance;
    private final boolean demo;
    private final Stage stage;
    // The colours of every window of Belfry's, and the system's setting that the theme "system" follows.
    private final Appearance appearance;
    private final SystemColorScheme systemScheme;

    // FX thread.
    private TrayController tray;
    private DesktopIntegration desktop;
    private volatile ReferenceServer embedded;
    private CompletableFuture<Void> closing;

    private Belfry(Stage stage, LaunchOptions options, Background background) {
        this.stage = stage;
        this.options = options;
        this.background = background;
        // On the demo: --demo, or no server given and none signed in to before (a first start). Once a session with
        // a server of the user's has been kept, Belfry starts on that server, not on the demo.
        this.demo = options.demo()
                || options.embedded() && DataDirectory.keptServer(options.dataDirPath()).isEmpty();
        Texts.use(null, java.util.Locale.getDefault()); // the system's language until the settings are read
        // The keychain holds one Belfry session per user, which belongs to the user's own data folder; a folder
        // given with --data-dir (a second profile, a test) keeps its session in its own file. The demo writes
        // nothing until the user signs in to a server of their own.
        this.profile = options.command() == LaunchOptions.Command.SMOKE_TEST ? Profile.nothing(null)
                : Profile.open(options.dataDirPath(), options.dataDir() == null,
                        !(demo && options.dataDir() == null), codec, Clock.systemUTC());
        Texts.use(profile.settings().preferences().language(), java.util.Locale.getDefault());
        String note = demo ? Texts.format("demo.note", DEMO_FEED_SECONDS) : null;
        // The store's work lands at the start of the next pulse: the lists change once per frame, whatever the rate.
        this.store = new NotificationStore(new FrameExecutor(), options.keep(profile.settings().preferences().keep()));
        this.window = new MainWindow(store, this, note);
        this.sessions = new SessionManager(store, fxThread, background, profile, options.network(), codec,
                Launcher.REDACTOR, this::startDemoBackend, new SessionManager.Listener() {
                    @Override
                    public void sessionStarted(String serverUrl) {
                        window.setServerUrl(serverUrl);
                        window.showInbox();
                    }

                    @Override
                    public void signInNeeded(String message, SessionManager.Reason reason) {
                        window.showSignIn(message);
                    }

                    @Override
                    public void problem(String message) {
                        store.postNotice(message);
                    }
                });
        sessions.watch(NetworkWatch.ofSystem(System.getenv()).start()); // after sleep or a network change: reconnect at once
        // A second start (from the menu, while this one sits in the tray) brings this window to the front.
        this.singleInstance = profile.directory()
                .map(dir -> SingleInstance.listen(dir, () -> fxThread.execute(this::openWindow))).orElse(null);
        window.setServerUrl(options.server() != null ? options.server() : profile.settings().server(),
                options.network().caFile() != null ? options.network().caFile().toString()
                        : profile.settings().caFile());
        stage.setTitle(Texts.text("app.name"));
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = Belfry.class.getResource("icons/belfry-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.setScene(window.scene(960, 640));
        // The theme, before the first frame, so that a dark window does not flash light. The system's setting is
        // read off the FX thread and comes back on it; macOS says nothing when it changes, so the focus asks again.
        appearance = new Appearance(stage);
        // --theme for this run, else the Preferences' (which a change in Preferences then sets, live).
        appearance.chosenProperty().set(options.theme() != null ? options.theme()
                : profile.settings().preferences().theme());
        systemScheme = SystemColorScheme.follow(System.getenv(), background, fxThread,
                appearance.systemDarkProperty()::set);
        stage.focusedProperty().addListener((o, was, focused) -> {
            if (focused) {
                systemScheme.recheck();
            }
        });
        // Belfry ends itself, in order (see quit): never because its last window closed.
        Platform.setImplicitExit(false);
        stage.setOnCloseRequest(e -> {
            e.consume();
            if (tray != null) {
                stage.hide(); // Quit is in the tray's menu
            } else {
                quit();
            }
        });
        if (!options.minimized()) {
            stage.show(); // minimized (start at login), it shows only where no tray comes up: showWithoutTray
        }
        installDesktop();
    }

    /** Opens Belfry in this stage and starts connecting. Call on the FX thread. */
    public static Belfry open(Stage stage, LaunchOptions options) {
        UncaughtExceptions.installOnCurrentThread();
        IdlePulses.install();
        Belfry belfry = new Belfry(stage, options, new Background());
        belfry.start();
        return belfry;
    }

    public NotificationStore store() {
        return store;
    }

    /**
     * Hands each session's connection to {@code tap} before it connects (the UI benchmark's probe); call it on the FX
     * thread right after {@link #open}, before the first session begins. See {@link SessionManager#tapConnections}.
     */
    public void tapConnections(java.util.function.Consumer<app.belfry.net.SocketConnection> tap) {
        sessions.tapConnections(tap);
    }

    /** The embedded demo backend, when Belfry runs on it; else null. */
    public ReferenceServer embeddedServer() {
        return embedded;
    }

    private void start() {
        SessionManager.Start start;
        if (demo) {
            start = new SessionManager.Start.Demo();
        } else if (options.token() != null || options.email() != null && options.password() != null) {
            start = new SessionManager.Start.WithCredentials(new SignIn(options.server(), options.email(),
                    options.password(), options.token()));
        } else {
            start = new SessionManager.Start.Resume(options.server());
        }
        Runnable begin = () -> sessions.start(start).whenComplete((done, failure) -> {
            if (failure != null && !SessionManager.superseded(failure)) {
                window.showSignIn(message(failure));
            }
        });
        if (demo) {
            afterFirstFrame(begin); // starting a backend must not compete with the first frame
        } else {
            begin.run(); // the kept history is read off the FX thread, and shows as soon as it is
        }
    }

    private EmbeddedBackend startDemoBackend() throws IOException {
        ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDemoFeed(DEMO_FEED_SECONDS));
        embedded = server;
        server.publishDemo(6);
        // In-process, so the demo needs no HTTP client (and its TLS set-up) to sign in.
        String token = server.issueToken(ServerOptions.DEMO_USER.email());
        return new EmbeddedBackend() {
            @Override
            public String url() {
                return server.url();
            }

            @Override
            public String demoToken() {
                return token;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** Popups, do-not-disturb and the tray icon; the tray and D-Bus come up off the FX thread, after the frame. */
    private void installDesktop() {
        desktop = new DesktopIntegration(store, stage.focusedProperty(),
                List.of(new InAppPopupSink(stage, fxThread, appearance::isDark)),
                window.preferencesProperty()::get, this::openWindowAt, fxThread);
        window.preferencesProperty().set(profile.settings().preferences());
        window.preferencesProperty().addListener((o, was, chosen) -> {
            profile.updateSettings(s -> s.withPreferences(chosen));
            if (tray != null && was.doNotDisturb() != chosen.doNotDisturb()) {
                tray.showDoNotDisturb(chosen.doNotDisturb());
            }
            if (was.theme() != chosen.theme()) {
                appearance.chosenProperty().set(chosen.theme());
            }
        });
        window.setStartAtLogin(startAtLogin(Autostart.forThisSystem()));
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        DesktopIntegration integration = desktop;
        afterFirstFrame(() -> background.execute(() -> {
            // AWT starts here, not on the FX thread before the first frame.
            TrayController.Actions actions = new TrayController.Actions(this::openWindow, store::markAllAsRead,
                    on -> window.preferencesProperty().set(window.preferencesProperty().get().withDoNotDisturb(on)),
                    () -> {
                        openWindow();
                        window.showPreferences();
                    }, this::signOut, this::quit);
            java.util.Optional<TrayController> installed = TrayController.install(actions, fxThread);
            fxThread.execute(() -> installed.ifPresentOrElse(icon -> useTray(icon, linux), this::showWithoutTray));
            if (linux) {
                // The freedesktop notification service (GNOME, KDE, …), which works where the AWT tray does not.
                app.belfry.desktop.DbusPopupSink.connect(iconFile()).ifPresent(sink -> fxThread.execute(() -> {
                    if (closing != null) {
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
                    if (closing == null) {
                        task.run();
                    }
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

    /**
     * Start at login for Preferences: whether the entry is there is read in the background at start and after each
     * change; writing and removing it happen in the background too, and a failure is said in the notice bar.
     */
    private StartAtLogin startAtLogin(Autostart autostart) {
        java.util.concurrent.atomic.AtomicBoolean on = new java.util.concurrent.atomic.AtomicBoolean();
        if (autostart.installed()) {
            background.execute(() -> on.set(autostart.isEnabled()));
        }
        return new StartAtLogin() {
            @Override
            public boolean installed() {
                return autostart.installed();
            }

            @Override
            public boolean isOn() {
                return on.get();
            }

            @Override
            public void turn(boolean wanted) {
                background.execute(() -> {
                    try {
                        LOG.log(Level.INFO, wanted ? autostart.enable() : autostart.disable());
                    } catch (AutostartException e) {
                        fxThread.execute(() -> store.postNotice(e.getMessage()));
                    }
                    on.set(autostart.isEnabled());
                });
            }
        };
    }

    /** FX thread: no tray came up. A window started minimized shows now: nothing else would let the user reach it. */
    private void showWithoutTray() {
        if (options.minimized() && closing == null) {
            stage.show();
        }
    }

    /** FX thread: the tray is there. */
    private void useTray(TrayController installed, boolean linux) {
        if (closing != null) {
            installed.close();
            return;
        }
        tray = installed;
        if (!linux) {
            desktop.prefer(installed); // Windows, macOS: the tray's own balloons are the native popups
        }
        tray.showDoNotDisturb(window.preferencesProperty().get().doNotDisturb());
        javafx.beans.InvalidationListener follow = o -> tray.update(store.unreadCount(), store.isConnectedNow());
        store.unreadCountProperty().addListener(follow);
        store.connectedProperty().addListener(follow);
        follow.invalidated(null);
    }

    private void openWindow() {
        if (closing != null) {
            return;
        }
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

    /**
     * Ends Belfry in order, then the FX toolkit: the session is ended and everything pending written before
     * {@link Platform#exit}, so that nothing is torn down under the FX thread. FX thread.
     */
    public void quit() {
        shutDown().whenComplete((done, failure) -> Platform.exit());
    }

    // ---- SessionControl (FX thread)

    @Override
    public CompletableFuture<Void> signIn(SignInForm form) {
        return sessions.signIn(new SignIn(form.server(), form.email(), form.password(), form.token(),
                form.caFile()));
    }

    @Override
    public void signOut() {
        sessions.signOut();
    }

    private static String message(Throwable failure) {
        Throwable cause = SessionManager.cause(failure);
        return cause.getMessage() != null ? cause.getMessage() : Texts.text("login.failed");
    }

    /**
     * Ends the session (disconnect, the last history written), the tray, the popups and the embedded backend, then
     * writes everything pending and releases the data folder. FX thread; returns at once, and the future completes
     * when all is done (off the FX thread: do not wait for it there, the ending needs it).
     */
    public CompletableFuture<Void> shutDown() {
        if (closing != null) {
            return closing;
        }
        closing = new CompletableFuture<>();
        window.close();
        stage.hide(); // Belfry's windows go at once; what remains to do needs none of them
        systemScheme.close();
        appearance.close();
        if (desktop != null) {
            desktop.close(); // closes the sinks
        }
        if (tray != null) {
            tray.close();
        }
        if (singleInstance != null) {
            singleInstance.close();
        }
        CompletableFuture<Void> result = closing;
        sessions.close().whenComplete((done, failure) -> result.complete(null));
        return result;
    }

    /** {@link #shutDown}, for try-with-resources and tests. */
    @Override
    public void close() {
        shutDown();
    }
}

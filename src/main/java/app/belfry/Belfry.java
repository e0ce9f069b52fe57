package app.belfry;

import app.belfry.model.ConnectionState;
import app.belfry.model.ConnectionStatus;
import app.belfry.model.NotificationCodec;
import app.belfry.model.SocketError;
import app.belfry.net.ActionJournal;
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

    // FX thread.
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
        String note = options.embedded() ? "Demo: an embedded backend sends a notification every "
                + DEMO_FEED_SECONDS + " seconds. Start Belfry with --server URL to use your own." : null;
        this.window = new MainWindow(store, this, note);
        window.setServerUrl(options.server());
        stage.setTitle("Belfry");
        stage.setScene(window.scene(960, 640));
        stage.show();
    }

    /** Opens Belfry in this stage and starts connecting. Call on the FX thread. */
    public static Belfry open(Stage stage, LaunchOptions options) {
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
        if (options.embedded()) {
            background("belfry-demo", () -> {
                try {
                    ReferenceServer server = ReferenceServer.start(ServerOptions.defaults()
                            .withDemoFeed(DEMO_FEED_SECONDS));
                    embedded = server;
                    server.publishDemo(6);
                    AuthClient.Session demo = new AuthClient(ConnectionOptions.defaults(server.url()))
                            .signIn(ServerOptions.DEMO_USER.email(), ServerOptions.DEMO_USER.password());
                    fxThread.execute(() -> {
                        window.setServerUrl(server.url());
                        openSession(ConnectionOptions.defaults(server.url()), demo.cookie());
                    });
                } catch (IOException | AuthException e) {
                    LOG.log(Level.ERROR, "Cannot start the demo backend", e);
                    fxThread.execute(() -> store.onError(new SocketError("Cannot start the demo backend: "
                            + e.getMessage(), null)));
                }
            });
        } else if (options.token() != null || options.email() != null && System.getenv("BELFRY_PASSWORD") != null) {
            signIn(new SignInForm(options.server(), options.email(), System.getenv("BELFRY_PASSWORD"), options.token()))
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            window.showSignIn(failure.getCause() != null ? failure.getCause().getMessage()
                                    : failure.getMessage());
                        }
                    });
        } else {
            window.showSignIn(null);
        }
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
                });
            } catch (AuthException e) {
                fxThread.execute(() -> result.completeExceptionally(e));
            }
        });
        return result;
    }

    /** Completes when the new session connects (or fails in a way the banner explains); fails on a refusal. */
    private void awaitOutcome(CompletableFuture<Void> result) {
        ChangeListener<ConnectionStatus> listener = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends ConnectionStatus> o,
                    ConnectionStatus was, ConnectionStatus status) {
                if (status.authRequired()) {
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
        ending.service().disconnect();
        background("belfry-sign-out", () -> {
            try {
                new AuthClient(ending.options()).signOut(ending.credentials());
            } catch (AuthException e) {
                LOG.log(Level.WARNING, "Sign-out on the server failed: {0}", e.getMessage());
            } finally {
                ending.connection().close();
            }
        });
        store.clearNotifications();
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
        SocketConnection connection = new SocketConnection(connectionOptions);
        NotificationService service = new NotificationService(connection, codec, ActionJournal.IN_MEMORY, store,
                store::newestCreatedAt);
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
        closed = true;
        window.close();
        if (session != null) {
            session.connection().close();
            session = null;
        }
        ReferenceServer server = embedded;
        if (server != null) {
            server.close();
        }
    }
}

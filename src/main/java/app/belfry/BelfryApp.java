package app.belfry;

import app.belfry.model.NotificationCodec;
import app.belfry.net.ActionJournal;
import app.belfry.net.AuthClient;
import app.belfry.net.AuthException;
import app.belfry.net.ConnectionOptions;
import app.belfry.net.Credentials;
import app.belfry.net.NotificationService;
import app.belfry.net.SecretRedactor;
import app.belfry.net.SocketConnection;
import app.belfry.model.SocketError;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.store.NotificationStore;
import app.belfry.ui.MainWindow;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The wiring of one Belfry window: store, service, connection and, for the demo, the embedded reference backend.
 * The window shows at once; the backend and the connection start off the FX thread.
 */
public final class BelfryApp extends Application {

    private static final System.Logger LOG = System.getLogger(BelfryApp.class.getName());
    static final int DEMO_FEED_SECONDS = 8;

    private LaunchOptions options;
    private final SecretRedactor redactor = Launcher.REDACTOR;
    /** The store's thread is the FX thread: this is the one place it is entered from outside. */
    private final Executor fxThread = Platform::runLater;
    private NotificationStore store;
    private volatile SocketConnection connection;
    private volatile ReferenceServer embedded;

    @Override
    public void init() {
        options = LaunchOptions.parse(getParameters().getRaw().toArray(String[]::new), System.getenv());
    }

    @Override
    public void start(Stage stage) {
        store = new NotificationStore(fxThread, options.maxNotifications());
        String note = options.embedded() ? "Demo: an embedded backend sends a notification every "
                + DEMO_FEED_SECONDS + " seconds. Start with --server URL to use your own." : null;
        MainWindow window = new MainWindow(store, note);
        stage.setTitle("Belfry");
        stage.setScene(new Scene(window.root(), 960, 640));
        stage.show();
        Thread starter = new Thread(this::connect, "belfry-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Off the FX thread: the embedded backend, sign-in, and the socket. */
    private void connect() {
        try {
            String server = options.server();
            Credentials credentials;
            if (options.embedded()) {
                embedded = ReferenceServer.start(ServerOptions.defaults().withDemoFeed(DEMO_FEED_SECONDS));
                embedded.publishDemo(6);
                server = embedded.url();
                credentials = new AuthClient(ConnectionOptions.defaults(server))
                        .signIn(ServerOptions.DEMO_USER.email(), ServerOptions.DEMO_USER.password()).cookie();
            } else if (options.token() != null) {
                credentials = new Credentials.BearerToken(options.token());
            } else if (options.email() != null && System.getenv("BELFRY_PASSWORD") != null) {
                String password = System.getenv("BELFRY_PASSWORD");
                redactor.register(password);
                credentials = new AuthClient(ConnectionOptions.defaults(server)).signIn(options.email(), password).cookie();
            } else {
                showError("Sign-in needed: start Belfry with --token TOKEN, or --email EMAIL and BELFRY_PASSWORD");
                return;
            }
            redactor.register(credentials);
            SocketConnection socket = new SocketConnection(ConnectionOptions.defaults(server));
            NotificationService service = new NotificationService(socket, new NotificationCodec(),
                    ActionJournal.IN_MEMORY, store, store::newestCreatedAt);
            connection = socket;
            fxThread.execute(() -> store.bind(service));
            service.connect(credentials);
        } catch (IOException | AuthException | IllegalArgumentException e) {
            LOG.log(Level.ERROR, "Cannot start: " + e.getMessage(), e);
            showError(e.getMessage());
        }
    }

    private void showError(String message) {
        store.onError(new SocketError(message, null));
    }

    @Override
    public void stop() {
        SocketConnection socket = connection;
        if (socket != null) {
            socket.close();
        }
        ReferenceServer server = embedded;
        if (server != null) {
            server.close();
        }
    }
}

package app.belfry.server;

import app.belfry.model.Events;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Belfry's reference backend: the whole of PROTOCOL.md, extensions included, on netty-socketio, with the HTTP
 * API on the same port. Embedded ({@link #start}) it is Belfry's demo and its tests' backend; from the command
 * line ({@link #main}) it is a backend for QA and for developers of other clients.
 */
public final class ReferenceServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReferenceServer.class.getName());

    private final SocketIOServer io;
    private final Channel serverChannel;
    private final String url;
    private final String adminToken;
    private final UserDirectory users;
    private final NotificationsNamespace sockets;
    private final Publisher publisher;
    private final DemoFeed demoFeed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ReferenceServer(ServerOptions options) throws IOException {
        adminToken = options.adminToken() != null ? options.adminToken() : randomToken();
        users = new UserDirectory(options.users());
        SessionRegistry sessions = new SessionRegistry();

        Configuration config = new Configuration();
        config.setHostname(options.host());
        config.setPort(options.port());
        config.setPingInterval(25_000);
        config.setPingTimeout(60_000);
        config.setAckMode(AckMode.MANUAL);
        config.setMaxHttpContentLength(1 << 20);
        config.setMaxFramePayloadLength(1 << 20);
        config.setBossThreads(1);
        config.setWorkerThreads(2);
        SocketConfig socketConfig = new SocketConfig();
        socketConfig.setReuseAddress(true);
        socketConfig.setTcpNoDelay(true);
        config.setSocketConfig(socketConfig);

        io = new SocketIOServer(config);
        sockets = new NotificationsNamespace(io.addNamespace(Events.NAMESPACE), options, users, sessions,
                new NotificationRepository());
        publisher = new Publisher(sockets, Clock.systemUTC());
        HttpApiHandler api = new HttpApiHandler(options, adminToken, users, sessions, publisher, sockets);
        ConnectPacketNormalizer normalizer = new ConnectPacketNormalizer();
        io.setPipelineFactory(new SocketIOChannelInitializer() {
            @Override
            protected void addSocketioHandlers(ChannelPipeline pipeline) {
                super.addSocketioHandlers(pipeline);
                pipeline.addBefore(PACKET_HANDLER, "belfry-http-api", api);
                pipeline.addBefore(PACKET_HANDLER, "belfry-connect-auth", normalizer);
            }
        });

        try {
            serverChannel = ((ChannelFuture) io.startAsync().syncUninterruptibly()).channel();
        } catch (RuntimeException e) {
            io.stop();
            throw new IOException("Cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        url = "http://" + host + ":" + port;
        demoFeed = options.demoFeedSeconds() > 0 ? new DemoFeed(publisher, users, options.demoFeedSeconds()) : null;
        LOG.log(Level.INFO, "Reference backend listening on {0} ({1})", url, options);
    }

    /** Starts a server and returns once it listens. */
    public static ReferenceServer start(ServerOptions options) throws IOException {
        return new ReferenceServer(options);
    }

    /** {@code http://HOST:PORT}, without a trailing slash: the one URL a client needs. */
    public String url() {
        return url;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The bearer token for {@code POST /api/notifications}. */
    public String adminToken() {
        return adminToken;
    }

    /** The client events received so far (the newest 10,000), in order. */
    public List<ReceivedEvent> receivedEvents() {
        return sockets.receivedEvents();
    }

    /** The id the server gave the user with this email. */
    public String userId(String email) {
        return users.byEmail(email).orElseThrow(() -> new IllegalArgumentException("no user " + email)).id();
    }

    /** Publishes a notification to one user, as {@code POST /api/notifications} does. */
    public Notification publish(String userId, NotificationType type, String title, String message) {
        User user = users.byId(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
        return publisher.publish(Publisher.Target.user(user), type, title, message);
    }

    /** Disconnects every socket of a user from the server side ("io server disconnect"); sessions stay valid. */
    public void disconnectUser(String userId) {
        sockets.disconnectUser(userId);
    }

    /**
     * Stops listening and drops every connection, as a crashed or restarted server would: clients see a transport
     * close, not a server disconnect. The port is free when this returns; netty's threads end a moment later.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (demoFeed != null) {
            demoFeed.close();
        }
        Thread stopper = new Thread(() -> {
            try {
                io.stop();
            } finally {
                stopped.countDown();
            }
        }, "belfry-server-stop");
        stopper.start();
        serverChannel.closeFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
        LOG.log(Level.INFO, "Reference backend on {0} stopped", url);
    }

    /** Waits until netty's threads have ended after {@link #close}. */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line; returns the exit status (0, or 2 for bad arguments, 1 when it cannot listen). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help")) {
            out.print(ServerOptions.USAGE);
            return 0;
        }
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("reference backend: " + e.getMessage());
            err.print(ServerOptions.USAGE);
            return 2;
        }
        ConsoleLogging.install(false);
        ReferenceServer server;
        try {
            server = start(options);
        } catch (IOException e) {
            err.println("reference backend: " + e.getMessage());
            return 1;
        }
        CountDownLatch shutdown = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            shutdown.countDown();
        }, "belfry-server-shutdown"));
        out.println("Reference backend listening on " + server.url());
        if (options.adminToken() == null) {
            out.println("Admin token (for POST /api/notifications): " + server.adminToken());
        }
        out.flush();
        try {
            shutdown.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

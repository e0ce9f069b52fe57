package app.belfry.server;

import app.belfry.model.Events;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
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
 * Belfry's reference backend: the whole of docs/PROTOCOL.md, extensions included, on netty-socketio, with its own
 * HTTP API on the same port (docs/PROTOCOL.md, "The reference backend's HTTP API (not part of the contract)").
 * Embedded ({@link #start}) it is Belfry's demo and its tests' backend; from the command line ({@link #main}) it is
 * a backend for QA and for developers of other clients.
 */
public final class ReferenceServer implements AutoCloseable {

    private static final WebSocketPong PONG = new WebSocketPong();

    private static final System.Logger LOG = System.getLogger(ReferenceServer.class.getName());

    private final ServerOptions options;
    /** The certificate and key for HTTPS and WSS; null for plain HTTP. */
    private final PemKeyStore keyStore;
    private final String adminToken;
    private final UserDirectory users;
    private final SessionRegistry sessions;
    private final NotificationsNamespace sockets;
    private final Publisher publisher;
    private final HttpApiHandler api;
    private final ConnectPacketNormalizer normalizer = new ConnectPacketNormalizer();
    private final DemoFeed demoFeed;
    /** Every open connection, so that stopping drops them at once, as a crash would. */
    private final ChannelGroup openChannels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    // The listening part, replaced on every start; guarded by this.
    private SocketIOServer io;
    private Channel serverChannel;
    private int port;
    private String url;
    private CountDownLatch nettyStopped = new CountDownLatch(0);

    private ReferenceServer(ServerOptions options) throws IOException {
        this.options = options;
        keyStore = options.tls() != null ? PemKeyStore.read(options.tls().certificate(), options.tls().key()) : null;
        adminToken = options.adminToken() != null ? options.adminToken() : randomToken();
        users = new UserDirectory(options.users());
        sessions = new SessionRegistry();
        sockets = new NotificationsNamespace(options, users, sessions, new NotificationRepository());
        publisher = new Publisher(sockets, Clock.systemUTC());
        api = new HttpApiHandler(options, adminToken, users, sessions, publisher, sockets);
        port = options.port();
        listen();
        demoFeed = options.demoFeedSeconds() > 0 ? new DemoFeed(publisher, users, options.demoFeedSeconds()) : null;
        LOG.log(Level.INFO, "Reference backend listening on {0} ({1})", url, options);
    }

    private static final ByteBufAllocator UNPOOLED = new UnpooledByteBufAllocator(false);

    /**
     * A client that refuses the server's certificate (or speaks plain HTTP to it) is the client's business: one line,
     * not netty-socketio's stack trace at SEVERE. Everything else is logged as before.
     */
    private static final class QuietHandshakes extends com.corundumstudio.socketio.listener.DefaultExceptionListener {
        @Override
        public boolean exceptionCaught(io.netty.channel.ChannelHandlerContext context, Throwable failure)
                throws Exception {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof javax.net.ssl.SSLException) {
                    LOG.log(Level.INFO, "TLS handshake with {0} failed: {1}", context.channel().remoteAddress(),
                            t.getMessage());
                    context.close();
                    return true;
                }
            }
            return super.exceptionCaught(context, failure);
        }
    }

    private synchronized void listen() throws IOException {
        Configuration config = new Configuration();
        config.setHostname(options.host());
        config.setPort(port);
        config.setPingInterval(25_000);
        config.setPingTimeout(60_000);
        config.setAckMode(AckMode.MANUAL);
        config.setMaxHttpContentLength(1 << 20);
        config.setMaxFramePayloadLength(1 << 20);
        config.setBossThreads(1);
        config.setWorkerThreads(2);
        if (keyStore != null) {
            config.setKeyStoreFormat(PemKeyStore.FORMAT);
            config.setKeyStore(keyStore.open());
            config.setKeyStorePassword(keyStore.password());
            config.setSSLProtocol("TLS"); // netty-socketio's default asks for "TLSv1"; "TLS" is the JDK's own choice
        }
        config.setExceptionListener(new QuietHandshakes());
        SocketConfig socketConfig = new SocketConfig();
        socketConfig.setReuseAddress(true);
        socketConfig.setTcpNoDelay(true);
        config.setSocketConfig(socketConfig);

        SocketIOServer server = new SocketIOServer(config) {
            @Override
            protected void applyConnectionOptions(ServerBootstrap bootstrap) {
                super.applyConnectionOptions(bootstrap);
                // A reference backend, often embedded in the app for the demo: netty's pooled arenas would keep
                // megabytes resident for a trickle of small packets. Unpooled heap buffers cost the GC a little.
                bootstrap.option(ChannelOption.ALLOCATOR, UNPOOLED);
                bootstrap.childOption(ChannelOption.ALLOCATOR, UNPOOLED);
            }
        };
        sockets.attach(server.addNamespace(Events.NAMESPACE));
        releaseDefaultPipelineFactory(server);
        server.setPipelineFactory(new SocketIOChannelInitializer() {
            @Override
            protected void addSocketioHandlers(ChannelPipeline pipeline) {
                super.addSocketioHandlers(pipeline);
                openChannels.add(pipeline.channel());
                pipeline.addBefore(PACKET_HANDLER, "belfry-http-api", api);
                pipeline.addBefore(PACKET_HANDLER, "belfry-connect-auth", normalizer);
                pipeline.addBefore(WEB_SOCKET_TRANSPORT, "belfry-ws-pong", PONG);
            }
        });
        try {
            serverChannel = ((ChannelFuture) server.startAsync().syncUninterruptibly()).channel();
        } catch (RuntimeException e) {
            stopInBackground(server);
            throw new IOException("Cannot listen on " + options.host() + ":" + port + ": " + e.getMessage(), e);
        }
        io = server;
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        url = (keyStore != null ? "https://" : "http://") + host + ":" + port;
    }

    /**
     * SocketIOServer builds a default pipeline factory, whose timer we never start since we replace the factory;
     * netty's leak detector then reports that timer when it is collected. Stop it (best effort: a library change
     * only brings the log line back).
     */
    private static void releaseDefaultPipelineFactory(SocketIOServer server) {
        try {
            java.lang.reflect.Field factoryField = SocketIOServer.class.getDeclaredField("pipelineFactory");
            factoryField.setAccessible(true);
            Object factory = factoryField.get(server);
            java.lang.reflect.Field schedulerField = SocketIOChannelInitializer.class.getDeclaredField("scheduler");
            schedulerField.setAccessible(true);
            ((com.corundumstudio.socketio.scheduler.CancelableScheduler) schedulerField.get(factory)).shutdown();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not release netty-socketio's default pipeline factory", e);
        }
    }

    /** Stops netty off the caller's thread (its graceful shutdown waits seconds); the port is free on return. */
    private void stopInBackground(SocketIOServer server) {
        CountDownLatch done = new CountDownLatch(1);
        nettyStopped = done;
        Thread stopper = new Thread(() -> {
            try {
                server.stop();
            } finally {
                done.countDown();
            }
        }, "belfry-server-stop");
        stopper.start();
    }

    /**
     * Starts a server and returns once it listens. Throws {@link IllegalArgumentException} when the TLS files cannot
     * be used (the message names the file and says why), {@link IOException} when it cannot listen.
     */
    public static ReferenceServer start(ServerOptions options) throws IOException {
        return new ReferenceServer(options);
    }

    /**
     * {@code http://HOST:PORT}, or {@code https://HOST:PORT} with TLS, without a trailing slash: the one URL a client
     * needs.
     */
    public synchronized String url() {
        return url;
    }

    public synchronized int port() {
        return port;
    }

    /** The bearer token for {@code POST /api/notifications}. */
    public String adminToken() {
        return adminToken;
    }

    /** The client events received so far (the newest 10,000), in order. */
    public List<ReceivedEvent> receivedEvents() {
        return sockets.receivedEvents();
    }

    /**
     * Signs a user in without HTTP, as the embedding application's own shortcut (Belfry's demo): returns the session's
     * token, which works as {@code auth.token} and as the session cookie's value.
     */
    public String issueToken(String email) {
        User user = users.byEmail(email).orElseThrow(() -> new IllegalArgumentException("no user " + email));
        return sessions.create(user).token();
    }

    /** How many sessions are signed in now. */
    public int sessionCount() {
        return sessions.size();
    }

    /** How many socket handshakes were refused for want of a valid session, since start. */
    public int authRefusals() {
        return sockets.refusals();
    }

    /** How many sockets have connected (and passed authentication), since start. */
    public int connectCount() {
        return sockets.connects();
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

    /** With the demo feed on: publishes {@code count} demo notifications for every user at once. */
    public void publishDemo(int count) {
        if (demoFeed == null) {
            throw new IllegalStateException("the demo feed is off");
        }
        for (int i = 0; i < count; i++) {
            demoFeed.publishOne();
        }
    }

    /** Disconnects every socket of a user from the server side ("io server disconnect"); sessions stay valid. */
    public void disconnectUser(String userId) {
        sockets.disconnectUser(userId);
    }

    /**
     * Ends every session of a user, as an administrator's "sign out everywhere" (or an expiry) would: their sockets
     * are told {@code UNAUTHORIZED} and disconnected, and their credentials are refused from now on. Returns how many
     * sessions ended.
     */
    public int revokeSessions(String userId) {
        java.util.List<String> tokens = sessions.removeAll(userId);
        tokens.forEach(sockets::endSession);
        return tokens.size();
    }

    /**
     * Stops listening and drops every connection, as a crashed server would (clients see a transport close, not a
     * server disconnect), but keeps users, sessions and notifications, so that {@link #resumeListening} is a
     * server restart. The port is free when this returns.
     */
    public synchronized void stopListening() {
        if (io == null) {
            return;
        }
        SocketIOServer server = io;
        Channel channel = serverChannel;
        io = null;
        serverChannel = null;
        channel.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        openChannels.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        stopInBackground(server);
        LOG.log(Level.INFO, "Reference backend on {0} stopped listening", url);
    }

    /** Listens again on the same port, with the state it had. */
    public synchronized void resumeListening() throws IOException {
        if (closed.get()) {
            throw new IllegalStateException("closed");
        }
        if (io == null) {
            listen();
            LOG.log(Level.INFO, "Reference backend listening again on {0}", url);
        }
    }

    /** Stops for good: the demo feed, the listener, and (a moment later) netty's threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (demoFeed != null) {
            demoFeed.close();
        }
        stopListening();
        CountDownLatch netty;
        synchronized (this) {
            netty = nettyStopped;
        }
        Thread waiter = new Thread(() -> {
            try {
                netty.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "belfry-server-stopped");
        waiter.setDaemon(true);
        waiter.start();
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
        } catch (IllegalArgumentException e) { // an option's file, such as --tls-key's, cannot be used
            err.println("reference backend: " + e.getMessage());
            return 2;
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

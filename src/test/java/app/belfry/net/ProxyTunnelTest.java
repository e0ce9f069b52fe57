package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.net.ProxyException.Kind;
import app.belfry.testing.LogCapture;
import app.belfry.testing.Tinyproxy;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProxyTunnel} through a real tinyproxy, to servers on loopback: a TCP server that speaks first (so that a
 * byte read past the proxy's answer would be missed), and an HTTP server that OkHttp reaches the way Belfry will,
 * with no proxy of its own, the tunnel as its socket factory, and a DNS that leaves names to the proxy.
 */
class ProxyTunnelTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "correct-horse-battery";
    private static final int TIMEOUT_MILLIS = 5_000;

    @TempDir
    Path dir;

    private Tinyproxy proxy;
    private GreetingServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new GreetingServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void tunnelsToTheServerByNameAndLeavesItsFirstBytesUnread() throws Exception {
        proxy = Tinyproxy.start(dir);
        ProxyTunnel tunnel = new ProxyTunnel(ProxyAddress.parse(proxy.url()));
        try (Socket socket = tunnel.createSocket()) {
            socket.connect(placeholder("localhost", server.port()), TIMEOUT_MILLIS);
            Conversation conversation = new Conversation(socket);
            assertThat(conversation.readLine()).isEqualTo(GreetingServer.GREETING);
            assertThat(conversation.ask("ping")).isEqualTo("echo: ping");
        }
        assertThat(proxy.log()).contains("CONNECT localhost:" + server.port() + " HTTP/1.1");
    }

    @Test
    void theRightUserNameAndPasswordOpenTheTunnelAndNeverReachTheLog() throws Exception {
        proxy = Tinyproxy.start(dir, Tinyproxy.Settings.open().withBasicAuth(USER, PASSWORD));
        LogCapture log = new LogCapture(ProxyTunnel.class.getName());
        Logger logger = Logger.getLogger(ProxyTunnel.class.getName());
        logger.setLevel(Level.ALL);
        log.start();
        try (Socket socket = new ProxyTunnel(withCredentials(PASSWORD)).createSocket()) {
            socket.connect(placeholder("localhost", server.port()), TIMEOUT_MILLIS);
            assertThat(new Conversation(socket).readLine()).isEqualTo(GreetingServer.GREETING);
        } finally {
            log.stop();
            logger.setLevel(null);
        }
        assertThat(proxy.log()).contains("CONNECT localhost:" + server.port() + " HTTP/1.1");
        assertThat(log.lines()).containsExactly(
                "Tunnel to localhost:" + server.port() + " through http://alice:***@127.0.0.1:" + proxy.port());
    }

    @Test
    void noCredentialsForAProxyThatWantsThem() throws Exception {
        proxy = Tinyproxy.start(dir, Tinyproxy.Settings.open().withBasicAuth(USER, PASSWORD));
        ProxyException e = connectFails(new ProxyTunnel(new ProxyAddress("127.0.0.1", proxy.port())));
        assertThat(e.kind()).isEqualTo(Kind.AUTH_REQUIRED);
        assertThat(e.status()).isEqualTo(407);
        assertThat(e).hasMessage("The proxy 127.0.0.1:" + proxy.port() + " asks for a user name and password");
    }

    @Test
    void wrongCredentials() throws Exception {
        proxy = Tinyproxy.start(dir, Tinyproxy.Settings.open().withBasicAuth(USER, PASSWORD));
        ProxyException e = connectFails(new ProxyTunnel(withCredentials("wrong-horse-battery")));
        assertThat(e.kind()).isEqualTo(Kind.AUTH_REFUSED);
        assertThat(e.status()).isEqualTo(401); // tinyproxy's answer to wrong credentials (407 is for none)
        assertThat(e).hasMessage("The proxy 127.0.0.1:" + proxy.port() + " refused the user name and password");
    }

    @Test
    void aPortTheProxyDoesNotAllow() throws Exception {
        proxy = Tinyproxy.start(dir, Tinyproxy.Settings.open().withConnectPorts(443));
        ProxyException e = connectFails(new ProxyTunnel(ProxyAddress.parse(proxy.url())));
        assertThat(e.kind()).isEqualTo(Kind.REFUSED);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e).hasMessage("The proxy 127.0.0.1:" + proxy.port() + " refused the connection to localhost:"
                + server.port() + " (HTTP 403 Access violation)");
    }

    @Test
    void aServerTheProxyCannotReach() throws Exception {
        proxy = Tinyproxy.start(dir);
        int closed = closedPort();
        ProxyTunnel tunnel = new ProxyTunnel(ProxyAddress.parse(proxy.url()));
        try (Socket socket = tunnel.createSocket()) {
            assertThatThrownBy(() -> socket.connect(placeholder("localhost", closed), TIMEOUT_MILLIS))
                    .isInstanceOfSatisfying(ProxyException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                    .hasMessage("The proxy 127.0.0.1:" + proxy.port() + " refused the connection to localhost:"
                            + closed + " (HTTP 500 Unable to connect)");
            assertThat(socket.isClosed()).isTrue();
        }
    }

    @Test
    void aProxyThatIsNotThere() throws Exception {
        int closed = closedPort();
        ProxyException e = connectFails(new ProxyTunnel(new ProxyAddress("127.0.0.1", closed)));
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e).hasMessage("Cannot reach the proxy 127.0.0.1:" + closed + ": Connection refused");
    }

    @Test
    void theSocketsOwnReadTimeoutIsKept() throws Exception {
        proxy = Tinyproxy.start(dir);
        try (Socket socket = new ProxyTunnel(ProxyAddress.parse(proxy.url())).createSocket()) {
            socket.setSoTimeout(4_321);
            socket.connect(placeholder("localhost", server.port()), TIMEOUT_MILLIS);
            assertThat(socket.getSoTimeout()).isEqualTo(4_321);
        }
    }

    /** What Belfry will do: OkHttp with no proxy of its own, the tunnel as its sockets, names left to the proxy. */
    @Test
    void okHttpReachesAnHttpServerThroughTheTunnel() throws Exception {
        proxy = Tinyproxy.start(dir, Tinyproxy.Settings.open().withBasicAuth(USER, PASSWORD));
        HttpServer http = helloServer();
        OkHttpClient client = proxied(new ProxyTunnel(withCredentials(PASSWORD)));
        String url = "http://localhost:" + http.getAddress().getPort() + "/hello";
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("hello through the tunnel");
        } finally {
            shutDown(client);
            http.stop(0);
        }
        assertThat(proxy.log()).contains("CONNECT localhost:" + http.getAddress().getPort() + " HTTP/1.1");
    }

    @Test
    void okHttpHandsTheProxysRefusalOnAsItIs() throws Exception {
        proxy = Tinyproxy.start(dir, Tinyproxy.Settings.open().withBasicAuth(USER, PASSWORD));
        HttpServer http = helloServer();
        OkHttpClient client = proxied(new ProxyTunnel(withCredentials("wrong-horse-battery")));
        String url = "http://localhost:" + http.getAddress().getPort() + "/hello";
        try {
            assertThatThrownBy(() -> client.newCall(new Request.Builder().url(url).build()).execute())
                    .isInstanceOfSatisfying(ProxyException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.AUTH_REFUSED))
                    .hasMessage("The proxy 127.0.0.1:" + proxy.port() + " refused the user name and password");
        } finally {
            shutDown(client);
            http.stop(0);
        }
    }

    private ProxyAddress withCredentials(String password) {
        return new ProxyAddress("127.0.0.1", proxy.port(), Optional.of(USER), Optional.of(password));
    }

    /** Connects to the greeting server through the tunnel, expecting a refusal. */
    private ProxyException connectFails(ProxyTunnel tunnel) throws IOException {
        try (Socket socket = tunnel.createSocket()) {
            socket.connect(placeholder("localhost", server.port()), TIMEOUT_MILLIS);
            throw new AssertionError("The tunnel opened");
        } catch (ProxyException e) {
            assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("wrong-horse-battery");
            return e;
        }
    }

    /** The address Belfry's DNS gives for a proxied host: the name, and an address nobody should use. */
    private static InetSocketAddress placeholder(String host, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByAddress(host, new byte[4]), port);
    }

    private static OkHttpClient proxied(ProxyTunnel tunnel) {
        return new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .socketFactory(tunnel)
                .dns(host -> List.of(InetAddress.getByAddress(host, new byte[4])))
                .build();
    }

    private static void shutDown(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static HttpServer helloServer() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/hello", exchange -> {
            byte[] body = "hello through the tunnel".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Lines over a socket, with a read timeout so that a lost byte fails the test instead of hanging it. */
    private static final class Conversation {
        private final BufferedReader in;
        private final PrintWriter out;

        Conversation(Socket socket) throws IOException {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        String ask(String line) throws IOException {
            out.println(line);
            return in.readLine();
        }
    }

    /** A TCP server on loopback that greets each client first (as SMTP or SSH do), then echoes its lines. */
    private static final class GreetingServer implements AutoCloseable {
        static final String GREETING = "hello from the server";
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        GreetingServer() throws IOException {
            Thread accept = new Thread(this::acceptLoop, "test-greeting-server");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void acceptLoop() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Thread talk = new Thread(() -> talk(client), "test-greeting-client");
                    talk.setDaemon(true);
                    talk.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static void talk(Socket client) {
            try (client) {
                PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                out.println(GREETING);
                for (String line; (line = in.readLine()) != null; ) {
                    out.println("echo: " + line);
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}

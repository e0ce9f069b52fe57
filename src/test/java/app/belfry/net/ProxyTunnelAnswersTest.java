package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.net.ProxyException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ProxyTunnel} against answers tinyproxy never gives: a stand-in proxy on loopback sends exactly the bytes a
 * test scripts, and records the request it got. {@code ProxyTunnelTest} covers the real proxy.
 */
// A tunnel that waits forever fails instead of hanging the build (a blocked socket read ignores interrupts).
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProxyTunnelAnswersTest {

    private ScriptedProxy proxy;

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void sendsConnectWithTheNameAndPreemptiveCredentials() throws Exception {
        proxy = new ScriptedProxy(client -> send(client, "HTTP/1.1 200 Connection established\r\n\r\n"));
        ProxyAddress address = new ProxyAddress("127.0.0.1", proxy.port(), Optional.of("alice"),
                Optional.of("s3cret"));
        // A name no DNS knows: only the proxy may resolve it.
        try (Socket socket = new ProxyTunnel(address).createSocket("belfry.invalid", 443)) {
            assertThat(socket.isConnected()).isTrue();
        }
        assertThat(proxy.request()).isEqualTo("CONNECT belfry.invalid:443 HTTP/1.1\r\n"
                + "Host: belfry.invalid:443\r\n"
                + "Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n"
                + "\r\n");
    }

    @Test
    void anIpv6ServerIsWrittenInBrackets() throws Exception {
        proxy = new ScriptedProxy(client -> send(client, "HTTP/1.1 200 OK\r\n\r\n"));
        try (Socket socket = new ProxyTunnel(new ProxyAddress("127.0.0.1", proxy.port())).createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName("::1"), 8443), 5_000);
        }
        assertThat(proxy.request()).startsWith("CONNECT [0:0:0:0:0:0:0:1]:8443 HTTP/1.1\r\n"
                + "Host: [0:0:0:0:0:0:0:1]:8443\r\n\r\n");
    }

    /** The answer and the server's first bytes in one packet: whatever follows the blank line is the server's. */
    @Test
    void leavesTheBytesAfterTheAnswerToTheCaller() throws Exception {
        proxy = new ScriptedProxy(client -> send(client,
                "HTTP/1.1 200 Connection established\r\nVia: 1.1 scripted\r\n\r\nSERVER-FIRST"));
        try (Socket socket = openTo(proxy)) {
            socket.setSoTimeout(5_000);
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .isEqualTo("SERVER-FIRST");
        }
    }

    @Test
    void acceptsBareLineFeeds() throws Exception {
        proxy = new ScriptedProxy(client -> send(client, "HTTP/1.0 200\n\nX"));
        try (Socket socket = openTo(proxy)) {
            socket.setSoTimeout(5_000);
            assertThat(socket.getInputStream().read()).isEqualTo('X');
        }
    }

    @Test
    void somethingThatIsNoHttpProxy() throws Exception {
        proxy = new ScriptedProxy(client -> send(client, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"));
        assertThatThrownBy(() -> openTo(proxy))
                .isInstanceOfSatisfying(ProxyException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_ANSWER))
                .hasMessage("The proxy 127.0.0.1:" + proxy.port()
                        + " did not answer as an HTTP proxy does (it said “SSH-2.0-OpenSSH_9.2p1 Debian-2”)");
    }

    @Test
    void aProxyThatHangsUp() throws Exception {
        proxy = new ScriptedProxy(Socket::close);
        assertThatThrownBy(() -> openTo(proxy))
                .isInstanceOfSatisfying(ProxyException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_ANSWER))
                .hasMessage("The proxy 127.0.0.1:" + proxy.port() + " closed the connection without answering");
    }

    @Test
    void aSilentProxyTimesOutWithinTheConnectTimeout() throws Exception {
        proxy = new ScriptedProxy(client -> { });
        assertTimesOut(300);
    }

    /** A byte now and then must not keep the connect waiting: the timeout is for the whole answer. */
    @Test
    void aTricklingAnswerTimesOutWithinTheConnectTimeout() throws Exception {
        proxy = new ScriptedProxy(client -> {
            byte[] answer = "HTTP/1.1 200 Connection established\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; ; i++) {
                client.getOutputStream().write(i < answer.length ? answer[i] : 'x');
                client.getOutputStream().flush();
                Thread.sleep(50); // the trickle is the point
            }
        });
        assertTimesOut(500);
    }

    @Test
    void aProxyThatSignsInOtherwise() throws Exception {
        proxy = new ScriptedProxy(client -> send(client, "HTTP/1.1 407 Proxy Authentication Required\r\n"
                + "Proxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n"));
        assertThatThrownBy(() -> openTo(proxy))
                .isInstanceOfSatisfying(ProxyException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.AUTH_REQUIRED))
                .hasMessage("The proxy 127.0.0.1:" + proxy.port() + " asks for a user name and password"
                        + " (it accepts Negotiate, NTLM only, and Belfry signs in with Basic)");
    }

    @Test
    void aRefusalQuotesTheProxysReasonButNeverThePassword() throws Exception {
        proxy = new ScriptedProxy(client -> send(client, "HTTP/1.1 403 Forbidden for alice:s3cret\r\n\r\n"));
        ProxyAddress address = new ProxyAddress("127.0.0.1", proxy.port(), Optional.of("alice"),
                Optional.of("s3cret"));
        assertThatThrownBy(() -> new ProxyTunnel(address).createSocket("belfry.invalid", 443))
                .isInstanceOfSatisfying(ProxyException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REFUSED);
                    assertThat(e.status()).isEqualTo(403);
                })
                .hasMessage("The proxy 127.0.0.1:" + proxy.port()
                        + " refused the connection to belfry.invalid:443 (HTTP 403 Forbidden for alice:***)");
    }

    private void assertTimesOut(int timeoutMillis) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new ProxyTunnel(new ProxyAddress("127.0.0.1", proxy.port())).createSocket()) {
            assertThatThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("belfry.invalid", 443),
                    timeoutMillis))
                    .isInstanceOfSatisfying(ProxyException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                    .hasMessage("The proxy 127.0.0.1:" + proxy.port() + " did not answer within " + timeoutMillis
                            + " ms");
            assertThat(socket.isClosed()).isTrue();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofMillis(timeoutMillis - 50), Duration.ofMillis(timeoutMillis + 3_000));
    }

    private static Socket openTo(ScriptedProxy proxy) throws IOException {
        return new ProxyTunnel(new ProxyAddress("127.0.0.1", proxy.port())).createSocket("belfry.invalid", 443);
    }

    private static void send(Socket client, String bytes) throws IOException {
        client.getOutputStream().write(bytes.getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
    }

    /** What the stand-in does once it has read a request: it may answer, hang up, or do nothing. */
    private interface Script {
        void play(Socket client) throws Exception;
    }

    /** A proxy for one connection: reads the request up to its blank line, then plays the script. */
    private static final class ScriptedProxy implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final CompletableFuture<String> request = new CompletableFuture<>();

        ScriptedProxy(Script script) throws IOException {
            Thread thread = new Thread(() -> serve(script), "test-scripted-proxy");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        /** The request as received, up to and with its blank line. */
        String request() throws Exception {
            return request.get(5, TimeUnit.SECONDS);
        }

        private void serve(Script script) {
            try (Socket client = listener.accept()) {
                InputStream in = client.getInputStream();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                while (!received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    received.write(b);
                }
                request.complete(received.toString(StandardCharsets.ISO_8859_1));
                script.play(client);
                // Stays open until the tunnel's side closes, as a proxy would.
                while (!client.isClosed() && in.read() >= 0) {
                    // whatever the client sends now is not the proxy's concern
                }
            } catch (Exception e) {
                request.completeExceptionally(e); // no effect once completed; the client side is the test
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}

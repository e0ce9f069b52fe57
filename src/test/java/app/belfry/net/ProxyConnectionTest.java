package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.model.ConnectionStatus;
import app.belfry.model.ErrorCodes;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import app.belfry.testing.Client;
import app.belfry.testing.TestCertificates;
import app.belfry.testing.Tinyproxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Belfry through a real HTTP proxy (Debian's tinyproxy): WebSocket and polling through {@code CONNECT}, to plain
 * and TLS servers; Basic authentication; the proxy variables and {@code NO_PROXY}; and a proxy that refuses or cannot
 * be reached, said in words with code PROXY and not retried in a loop.
 */
class ProxyConnectionTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "lovelace-1815");

    @TempDir
    Path dir;

    private ReferenceServer server;
    private Tinyproxy proxy;
    private Client client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private String token(ConnectionOptions options) throws AuthException {
        return new AuthClient(options).signIn(ADA.email(), ADA.password()).token();
    }

    private void connectAndReceive(ConnectionOptions options, String transport) throws Exception {
        String token = token(options);
        client = new Client(options.serverUrl().toString(), 100, o -> o.withTransports(List.of(transport))
                .withNetwork(options.network()));
        client.connect(new Credentials.BearerToken(token)).awaitConnected();
        Notification sent = server.publish(server.userId(ADA.email()), NotificationType.INFO, "Through the proxy", "");
        client.thread.await(client.store, "the notification over " + transport, Duration.ofSeconds(10),
                s -> s.notifications().stream().anyMatch(n -> n.id().equals(sent.id())));
    }

    private String tunnelTo(URI server) {
        return "CONNECT " + server.getHost() + ":" + server.getPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void aPlainServerThroughTheProxysTunnel(String transport) throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        proxy = Tinyproxy.start(dir);
        ConnectionOptions options = ConnectionOptions.defaults(server.url())
                .withNetwork(new NetworkSettings(null, proxy.url(), Map.of()));
        connectAndReceive(options, transport);
        assertThat(proxy.log()).as("every request went through the proxy").contains(tunnelTo(options.serverUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void aTlsServerThroughTheProxyNamedInTheEnvironmentWithBasicAuthentication(String transport) throws Exception {
        TestCertificates pki = new TestCertificates(Files.createDirectories(dir.resolve("pki")));
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA))
                .withTls(pki.localhost().certificate(), pki.localhost().key()));
        proxy = Tinyproxy.start(dir, Tinyproxy.Settings.open().withBasicAuth("alice", "pr0xy-s3cret"));
        String withCredentials = "http://alice:pr0xy-s3cret@127.0.0.1:" + proxy.port();
        NetworkSettings network = new NetworkSettings(pki.caCertificate(), null,
                Map.of("HTTPS_PROXY", withCredentials, "http_proxy", "http://127.0.0.1:1"));
        assertThat(network.toString()).doesNotContain("pr0xy-s3cret");
        ConnectionOptions options = ConnectionOptions.defaults(server.url()).withNetwork(network);
        connectAndReceive(options, transport);
        assertThat(proxy.log()).contains(tunnelTo(options.serverUrl()));
    }

    @Test
    void noProxySendsAHostDirectAndProxyNoneGoesDirectWhateverTheEnvironmentSays() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        proxy = Tinyproxy.start(dir);
        Map<String, String> env = Map.of("http_proxy", proxy.url(), "NO_PROXY", "localhost, 127.0.0.0/8");
        connectAndReceive(ConnectionOptions.defaults(server.url()).withNetwork(new NetworkSettings(null, null, env)),
                "websocket");
        client.close();
        client = null;
        connectAndReceive(ConnectionOptions.defaults(server.url()).withNetwork(
                new NetworkSettings(null, "none", Map.of("http_proxy", proxy.url()))), "polling");
        assertThat(proxy.log()).doesNotContain(tunnelTo(URI.create(server.url())));
    }

    @Test
    void aProxyThatRefusesIsSaidInWordsWithCodeProxyAndNotRetriedInALoop() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        String token = token(ConnectionOptions.defaults(server.url()));
        proxy = Tinyproxy.start(dir, Tinyproxy.Settings.open().withBasicAuth("alice", "pr0xy-s3cret"));

        ConnectionOptions noCredentials = ConnectionOptions.defaults(server.url())
                .withNetwork(new NetworkSettings(null, proxy.url(), Map.of()));
        assertThatThrownBy(() -> token(noCredentials)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.PROXY);
            assertThat(e.getMessage()).contains("asks for a user name and password");
        });

        client = new Client(server.url(), 100, o -> o.withNetwork(new NetworkSettings(null,
                "http://alice:wrong-password@127.0.0.1:" + proxy.port(), Map.of())));
        List<ConnectionStatus> seen = new CopyOnWriteArrayList<>();
        client.connection.addStatusListener(seen::add);
        client.connect(new Credentials.BearerToken(token));
        client.thread.await(client.store, "the proxy's refusal", Duration.ofSeconds(10),
                s -> s.statusProperty().get().retriesExhausted());
        assertThat(client.error().code()).isEqualTo(ErrorCodes.PROXY);
        assertThat(client.error().message()).contains("refused the user name and password")
                .doesNotContain("wrong-password");
        client.thread.await(client.store, "the listener told", Duration.ofSeconds(5),
                s -> seen.stream().anyMatch(ConnectionStatus::retriesExhausted));
        int said = seen.size();
        client.thread.assertStays(client.store, "no attempt after the refusal", Duration.ofSeconds(3),
                s -> s.statusProperty().get().retriesExhausted());
        assertThat(seen).hasSize(said);
    }

    @Test
    void aProxyThatCannotBeReachedIsSaidSo() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        client = new Client(server.url(), 100, o -> o.withNetwork(
                new NetworkSettings(null, "http://127.0.0.1:" + closed, Map.of())));
        client.connect(new Credentials.BearerToken("whatever"));
        client.thread.await(client.store, "the proxy unreachable", Duration.ofSeconds(10),
                s -> s.statusProperty().get().retriesExhausted());
        assertThat(client.error().code()).isEqualTo(ErrorCodes.PROXY);
        assertThat(client.error().message()).startsWith("Cannot reach the proxy 127.0.0.1:" + closed);
    }

    /**
     * With neither {@code --proxy} nor a variable, the system's settings count: what the runtime's ProxySelector says
     * (it reads Windows', macOS' and GNOME's settings when {@code java.net.useSystemProxies} is on, as the launcher
     * sets it; a fake selector stands in for them here).
     */
    @Test
    void theSystemsProxySettingsCountWhenNothingElseIsGiven() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        proxy = Tinyproxy.start(dir);
        java.net.ProxySelector system = java.net.ProxySelector.getDefault();
        java.net.ProxySelector.setDefault(java.net.ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1",
                proxy.port())));
        try {
            ConnectionOptions options = ConnectionOptions.defaults(server.url())
                    .withNetwork(new NetworkSettings(null, null, Map.of()));
            connectAndReceive(options, "websocket");
            assertThat(proxy.log()).contains(tunnelTo(options.serverUrl()));
        } finally {
            java.net.ProxySelector.setDefault(system);
        }
    }

    @Test
    void aProxyUrlThatIsNotOneIsSaidAtOnce() {
        assertThatThrownBy(() -> new NetworkSettings(null, "socks5://127.0.0.1:1080", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
    }
}

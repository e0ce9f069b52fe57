package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.model.ConnectionState;
import app.belfry.model.ConnectionStatus;
import app.belfry.model.ErrorCodes;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import app.belfry.testing.Client;
import app.belfry.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTPS and WSS against the reference backend serving certificates of a private CA made here: trusted through a CA
 * file, over WebSocket and polling; refused without it, for another host name and when expired, each said in words,
 * with code TLS, and not retried in a loop.
 */
class TlsConnectionTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "lovelace-1815");

    @TempDir
    static Path certificates;
    private static TestCertificates pki;

    private ReferenceServer server;
    private Client client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static synchronized TestCertificates pki() {
        if (pki == null) {
            pki = new TestCertificates(certificates);
        }
        return pki;
    }

    private String serve(TestCertificates.ServerFiles files) throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA))
                .withTls(files.certificate(), files.key()));
        assertThat(server.url()).startsWith("https://");
        return server.url();
    }

    private static ConnectionOptions options(String url, Path caFile) {
        return ConnectionOptions.defaults(url).withNetwork(NetworkSettings.DEFAULTS.withCaFile(caFile));
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void aServerOfAPrivateAuthorityIsTrustedThroughTheCaFile(String transport) throws Exception {
        String url = serve(pki().localhost());
        Path ca = pki().caCertificate();
        String token = new AuthClient(options(url, ca)).signIn(ADA.email(), ADA.password()).token();
        client = new Client(url, 100, o -> o.withTransports(List.of(transport))
                .withNetwork(NetworkSettings.DEFAULTS.withCaFile(ca)));
        client.connect(new Credentials.BearerToken(token)).awaitConnected();
        Notification sent = server.publish(server.userId(ADA.email()), NotificationType.INFO, "Over TLS", "");
        client.thread.await(client.store, "the notification over " + transport, Duration.ofSeconds(10),
                s -> s.notifications().stream().anyMatch(n -> n.id().equals(sent.id())));
    }

    @Test
    void withoutTheCaFileTheCertificateIsNotTrustedSaidInWordsAndNotRetriedInALoop() throws Exception {
        String url = serve(pki().localhost());
        assertThatThrownBy(() -> new AuthClient(ConnectionOptions.defaults(url)).signIn(ADA.email(), ADA.password()))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.TLS);
                    assertThat(e.getMessage()).contains("not from an authority Belfry trusts");
                });

        String token = new AuthClient(options(url, pki().caCertificate())).signIn(ADA.email(), ADA.password())
                .token();
        client = new Client(url, 100, o -> o.withTransports(List.of("websocket")));
        List<ConnectionStatus> seen = new CopyOnWriteArrayList<>();
        client.connection.addStatusListener(seen::add);
        client.connect(new Credentials.BearerToken(token));
        client.thread.await(client.store, "the certificate refused", Duration.ofSeconds(10),
                s -> s.statusProperty().get().retriesExhausted());
        ConnectionStatus status = client.thread.call(client.store, s -> s.statusProperty().get());
        assertThat(status.state()).isEqualTo(ConnectionState.ERROR);
        assertThat(status.error().code()).isEqualTo(ErrorCodes.TLS);
        assertThat(status.error().message()).contains("not from an authority Belfry trusts");
        client.thread.await(client.store, "the listener told", Duration.ofSeconds(5),
                s -> seen.stream().anyMatch(ConnectionStatus::retriesExhausted));
        int attempts = seen.size();
        client.thread.assertStays(client.store, "no attempt after the refusal", Duration.ofSeconds(3),
                s -> s.statusProperty().get().retriesExhausted());
        assertThat(seen).as("nothing tried again by itself").hasSize(attempts);

        client.service.retry(); // Retry tries once more, and says the same
        client.thread.await(client.store, "refused again after Retry", Duration.ofSeconds(10),
                s -> seen.stream().filter(ConnectionStatus::retriesExhausted).count() == 2);
        assertThat(seen.stream().filter(s -> s.state() == ConnectionState.CONNECTING)).hasSize(2);
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        String url = serve(pki().wrongName());
        assertThatThrownBy(() -> new AuthClient(options(url, pki().caCertificate())).signIn(ADA.email(),
                ADA.password())).isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.TLS);
                    assertThat(e.getMessage()).contains("for another host name");
                });
        client = new Client(url, 100, o -> o.withNetwork(NetworkSettings.DEFAULTS.withCaFile(pki().caCertificate())));
        client.connect(new Credentials.BearerToken("whatever"));
        client.thread.await(client.store, "the host name refused", Duration.ofSeconds(10),
                s -> s.statusProperty().get().retriesExhausted());
        assertThat(client.error().code()).isEqualTo(ErrorCodes.TLS);
        assertThat(client.error().message()).contains("for another host name");
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        String url = serve(pki().expired());
        client = new Client(url, 100, o -> o.withTransports(List.of("polling"))
                .withNetwork(NetworkSettings.DEFAULTS.withCaFile(pki().caCertificate())));
        client.connect(new Credentials.BearerToken("whatever"));
        client.thread.await(client.store, "the expired certificate refused", Duration.ofSeconds(10),
                s -> s.statusProperty().get().retriesExhausted());
        assertThat(client.error().code()).isEqualTo(ErrorCodes.TLS);
        assertThat(client.error().message()).contains("has expired");
    }

    @Test
    void anotherAuthoritysFileDoesNotHelp() throws Exception {
        String url = serve(pki().localhost());
        assertThatThrownBy(() -> new AuthClient(options(url, pki().untrustedCaCertificate())).signIn(ADA.email(),
                ADA.password())).isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCodes.TLS));
    }

    @Test
    void aCaFileThatCannotBeUsedIsSaidClearly(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TrustedCertificates.readCaFile(dir.resolve("missing.pem")))
                .hasMessage("The CA file " + dir.resolve("missing.pem") + " does not exist");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        assertThatThrownBy(() -> TrustedCertificates.readCaFile(garbage)).hasMessageContaining("holds no certificate");
        Path broken = Files.writeString(dir.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TrustedCertificates.readCaFile(broken))
                .hasMessageContaining("holds a certificate that cannot be read");
        // A bundle with comments between its certificates, as distributions write them.
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), "# Company root\n"
                + Files.readString(pki().caCertificate()) + "\n# Another\n"
                + Files.readString(pki().untrustedCaCertificate()));
        assertThat(TrustedCertificates.readCaFile(bundle)).hasSize(2);
    }
}

package app.belfry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.model.Events;
import app.belfry.testing.TestCertificates;
import app.belfry.testing.TestCertificates.ServerFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference backend with {@code --tls-cert} and {@code --tls-key}: HTTPS and WSS on its one port, with
 * certificates from a private test CA; and the clear refusal, at start, of files it cannot use.
 */
class ReferenceServerTlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path folder;
    private static TestCertificates certificates;

    private ReferenceServer server;

    @BeforeAll
    static void makeCertificates() {
        certificates = new TestCertificates(folder);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientTrustingTheCaSignsInOverHttps() throws Exception {
        server = start(certificates.localhost());
        assertThat(server.url()).isEqualTo("https://127.0.0.1:" + server.port());

        HttpResponse<String> response = signIn(trustingTheCa());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"token\"");
        assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(
                cookie -> assertThat(cookie).startsWith(Events.SESSION_COOKIE + "=").contains("; Secure"));
    }

    @Test
    void theSocketIoEndpointOpensOverWss() throws Exception {
        server = start(certificates.localhost());
        X509TrustManager trust = TestCertificates.trustManager(certificates.caCertificate());
        OkHttpClient client = new OkHttpClient.Builder()
                .sslSocketFactory(TestCertificates.clientTrusting(certificates.caCertificate()).getSocketFactory(),
                        trust)
                .build();
        CompletableFuture<String> firstFrame = new CompletableFuture<>();
        WebSocket socket = client.newWebSocket(
                new Request.Builder()
                        .url("wss://localhost:" + server.port() + "/socket.io/?EIO=4&transport=websocket")
                        .build(),
                new WebSocketListener() {
                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        firstFrame.complete(text);
                    }

                    @Override
                    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
                        firstFrame.completeExceptionally(failure);
                    }
                });
        try {
            // Engine.IO's open packet: type 0, then the handshake's JSON.
            assertThat(firstFrame.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).startsWith("0{").contains("\"sid\"");
        } finally {
            socket.cancel();
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaFailsTheHandshake() throws Exception {
        server = start(certificates.localhost());
        SSLContext otherCa = TestCertificates.clientTrusting(certificates.untrustedCaCertificate());

        assertThatThrownBy(() -> signIn(otherCa))
                .isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertPathBuilderException.class); // "PKIX path building failed"
    }

    @Test
    void theTestCertificateForAnotherNameIsRefusedByName() throws Exception {
        server = start(certificates.wrongName());

        assertThatThrownBy(() -> signIn(trustingTheCa()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertificateException.class)
                .rootCause().hasMessageContaining("127.0.0.1");
    }

    @Test
    void theExpiredTestCertificateIsRefusedAsExpired() throws Exception {
        server = start(certificates.expired());

        assertThatThrownBy(() -> signIn(trustingTheCa()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void intermediatesInTheCertificateFileAreSentToTheClient() throws Exception {
        // The client trusts the root only: the handshake succeeds only if the server sends the intermediate too.
        server = start(certificates.localhostViaIntermediate());

        assertThat(signIn(trustingTheCa()).statusCode()).isEqualTo(200);
    }

    @Test
    void aPkcs1RsaKeyIsAccepted() throws Exception {
        ServerFiles rsa = certificates.localhostRsaPkcs1();
        assertThat(Files.readString(rsa.key())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        server = start(rsa);

        assertThat(signIn(trustingTheCa()).statusCode()).isEqualTo(200);
    }

    @Test
    void aSec1EcKeyIsAccepted() throws Exception {
        ServerFiles sec1 = certificates.localhostEcSec1();
        assertThat(Files.readString(sec1.key())).startsWith("-----BEGIN EC PRIVATE KEY-----");
        server = start(sec1);

        assertThat(signIn(trustingTheCa()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRestartServesTlsAgain() throws Exception {
        server = start(certificates.localhost());
        server.stopListening();
        server.resumeListening();

        assertThat(signIn(trustingTheCa()).statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingFileStopsTheStartAndIsNamed() {
        Path missing = folder.resolve("missing.pem");
        ServerFiles valid = certificates.localhost();

        assertThatThrownBy(() -> start(new ServerFiles(missing, valid.key())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS certificate " + missing + ": no such file");
        assertThatThrownBy(() -> start(new ServerFiles(valid.certificate(), missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS key " + missing + ": no such file");
    }

    @Test
    void garbageStopsTheStartAndIsNamed() throws IOException {
        Path garbage = Files.writeString(folder.resolve("garbage.pem"), "not a PEM file\n");
        Path brokenCertificate = Files.writeString(folder.resolve("broken-certificate.pem"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        ServerFiles valid = certificates.localhost();

        assertThatThrownBy(() -> start(new ServerFiles(garbage, valid.key())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS certificate " + garbage
                        + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> start(new ServerFiles(brokenCertificate, valid.key())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TLS certificate " + brokenCertificate + ": not a valid X.509 certificate");
        assertThatThrownBy(() -> start(new ServerFiles(valid.certificate(), garbage)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS key " + garbage + ": no private key in it (expected -----BEGIN PRIVATE KEY----- "
                        + "(PKCS#8), -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
        // The two files swapped: each lacks what it should hold.
        assertThatThrownBy(() -> start(new ServerFiles(valid.key(), valid.certificate())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TLS certificate " + valid.key() + ": no certificate in it");
    }

    @Test
    void aKeyThatIsNotTheCertificatesStopsTheStart() {
        ServerFiles localhost = certificates.localhost();
        Path otherKey = certificates.wrongName().key();

        assertThatThrownBy(() -> start(new ServerFiles(localhost.certificate(), otherKey)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS key " + otherKey + " does not match the certificate in " + localhost.certificate());
    }

    @Test
    void aChainWithTheServersCertificateLastIsExplained() throws IOException {
        ServerFiles chained = certificates.localhostViaIntermediate();
        String[] certificatesInFile = Files.readString(chained.certificate()).split("(?=-----BEGIN CERTIFICATE)");
        Path reversed = Files.writeString(folder.resolve("reversed-chain.pem"),
                certificatesInFile[1] + certificatesInFile[0]);

        assertThatThrownBy(() -> start(new ServerFiles(reversed, chained.key())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS key " + chained.key() + " does not match the certificate in " + reversed
                        + " (it matches a later one: put the server's certificate first)");
    }

    @Test
    void anEncryptedKeyStopsTheStart() throws IOException {
        Path encrypted = certificates.localhostEncryptedKey();
        assertThat(Files.readString(encrypted)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        assertThatThrownBy(() -> start(new ServerFiles(certificates.localhost().certificate(), encrypted)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS key " + encrypted + ": the key is encrypted; give it unencrypted "
                        + "(openssl pkey -in KEY -out PLAIN.pem)");
    }

    private ReferenceServer start(ServerFiles files) throws IOException {
        return ReferenceServer.start(ServerOptions.defaults().withTls(files.certificate(), files.key()));
    }

    private static SSLContext trustingTheCa() {
        return TestCertificates.clientTrusting(certificates.caCertificate());
    }

    /**
     * Signs the demo user in over HTTPS at the server's port, trusting what {@code trust} trusts. The URL is not
     * the server's {@code url()}, so that a server that ignored its TLS options could not pass over plain HTTP.
     */
    private HttpResponse<String> signIn(SSLContext trust) throws IOException, InterruptedException {
        String baseUrl = "https://127.0.0.1:" + server.port();
        HttpClient client = HttpClient.newBuilder().sslContext(trust).connectTimeout(TIMEOUT).build();
        String body = BackendHttp.JSON.createObjectNode()
                .put("email", ServerOptions.DEMO_USER.email())
                .put("password", ServerOptions.DEMO_USER.password())
                .toString();
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + Events.SIGN_IN_PATH))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}

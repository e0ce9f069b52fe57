package app.belfry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import app.belfry.testing.TestCertificates;
import app.belfry.testing.TestCertificates.ServerFiles;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference backend as a developer starts it: a second JVM, a ready line, SIGTERM. */
class ReferenceServerCommandLineTest {

    @Test
    void startsPrintsItsUrlServesAndStopsOnSigterm() throws Exception {
        Process process = new ProcessBuilder(javaCommand("--port", "0", "--admin-token", "t0k",
                "--user", "ada@example.com:pw")).redirectErrorStream(true).start();
        try {
            String url = readyUrl(process);
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"ok\":true}");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            // 143 = killed by SIGTERM when the JVM's own handler exits that way; either is a clean stop.
            assertThat(process.exitValue()).isIn(0, 143);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void withTlsFilesItServesHttpsAndPrintsAnHttpsUrl(@TempDir Path folder) throws Exception {
        TestCertificates certificates = new TestCertificates(folder);
        ServerFiles files = certificates.localhost();
        Process process = new ProcessBuilder(javaCommand("--port", "0", "--tls-cert", files.certificate().toString(),
                "--tls-key", files.key().toString())).redirectErrorStream(true).start();
        try {
            String url = readyUrl(process);
            assertThat(url).matches("https://127\\.0\\.0\\.1:\\d+");

            HttpClient client = HttpClient.newBuilder()
                    .sslContext(TestCertificates.clientTrusting(certificates.caCertificate()))
                    .build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void anUnusableTlsFileExitsWithStatus2AndSaysWhichAndWhy(@TempDir Path folder) {
        Path missing = folder.resolve("missing-key.pem");
        Path certificate = new TestCertificates(folder).localhost().certificate();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Within a time limit: were the file accepted, the server would run until the JVM ends.
        int status = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ReferenceServer.run(
                new String[] {"--port", "0", "--tls-cert", certificate.toString(), "--tls-key", missing.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("reference backend: TLS key " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void badArgumentsExitWithStatus2AndTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReferenceServer.run(new String[] {"--port", "nope"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port needs a whole number").contains("Usage:");
    }

    @Test
    void helpPrintsTheUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReferenceServer.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--demo-feed SECONDS").contains("--tls-cert PEM")
                .contains("--tls-key PEM");
    }

    /** Waits for the ready line of a server started in a second JVM, and returns the URL it prints. */
    private static String readyUrl(Process process) throws Exception {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = output.readLine()) != null; ) {
                    if (line.startsWith("Reference backend listening on ")) {
                        return line.substring("Reference backend listening on ".length());
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        return ready.get(60, TimeUnit.SECONDS);
    }

    private static List<String> javaCommand(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ReferenceServer.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}

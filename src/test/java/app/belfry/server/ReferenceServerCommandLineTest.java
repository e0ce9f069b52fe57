package app.belfry.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reference backend as a developer starts it: a second JVM, a ready line, SIGTERM. */
class ReferenceServerCommandLineTest {

    @Test
    void startsPrintsItsUrlServesAndStopsOnSigterm() throws Exception {
        Process process = new ProcessBuilder(javaCommand("--port", "0", "--admin-token", "t0k",
                "--user", "ada@example.com:pw")).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = output.readLine()) != null; ) {
                        if (line.startsWith("Reference backend listening on http://")) {
                            return line.substring("Reference backend listening on ".length());
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            String url = ready.get(60, TimeUnit.SECONDS);
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
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--demo-feed SECONDS");
    }

    private static List<String> javaCommand(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ReferenceServer.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}

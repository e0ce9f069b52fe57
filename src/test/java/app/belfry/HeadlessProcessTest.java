package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.NotificationType;
import app.belfry.net.AuthClient;
import app.belfry.net.ConnectionOptions;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code belfry --headless} as a script runs it: a second JVM, JSON lines out, commands in. Also the proof that
 * Belfry's threads end: after {@code quit} the JVM must exit by itself (no System.exit on that path).
 */
class HeadlessProcessTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "correct-horse-battery");
    private static final UserAccount BOB = new UserAccount("bob@example.com", "tr0ub4dor-and-3");

    private ReferenceServer server;
    private Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    /** Variables the next {@link #start} adds to the child's environment. */
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private ReferenceServer tlsServer;
    private Writer stdin;
    private Path stderr;

    @TempDir
    Path temp;

    @BeforeEach
    void startServer() throws IOException {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA, BOB)));
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        server.close();
        if (tlsServer != null) {
            tlsServer.close();
        }
    }

    private void start(String password, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        command.addAll(List.of(args));
        if (!command.contains("--data-dir")) {
            command.addAll(List.of("--data-dir", temp.resolve("data").toString()));
        }
        stderr = temp.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile()).directory(temp.toFile());
        builder.environment().remove("BELFRY_SERVER");
        builder.environment().remove("BELFRY_TOKEN");
        if (password != null) {
            builder.environment().put("BELFRY_PASSWORD", password);
        }
        builder.environment().putAll(environment);
        process = builder.start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    stdout.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        pump.setDaemon(true);
        pump.start();
    }

    private String awaitLine(String containing) throws InterruptedException {
        List<String> seen = linesUntil(containing);
        return seen.get(seen.size() - 1);
    }

    /** The lines printed up to and with the first that contains this (at most 30 s). */
    private List<String> linesUntil(String containing) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = stdout.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.add(line);
                if (line.contains(containing)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("no line containing " + containing + "; saw " + seen);
    }

    /** Waits (at most 20 s) until the server has received this many read events ({@code mark:read…}). */
    private void awaitReads(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.receivedEvents().stream().filter(e -> e.event().startsWith("mark:read")).count() < count
                && System.nanoTime() < deadline) {
            stdout.poll(100, TimeUnit.MILLISECONDS); // waits for output or a tenth of a second, whichever first
        }
    }

    private void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    private int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the JVM exited by itself").isTrue();
        return process.exitValue();
    }

    @Test
    void streamsNotificationsTakesCommandsAndExitsCleanlyWithoutLeakingTheToken() throws Exception {
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        start(null, "--headless", "--debug", "--server", server.url(), "--token", token);
        awaitLine("\"state\":\"connected\"");
        server.publish(server.userId(ADA.email()), NotificationType.WARNING, "Disk almost full", "db-2 at 91%");
        assertThat(awaitLine("\"event\":\"notification\"")).contains("\"title\":\"Disk almost full\"")
                .contains("\"type\":\"warning\"");
        awaitLine("{\"event\":\"unread\",\"count\":1}");

        send("frobnicate");
        assertThat(awaitLine("\"event\":\"error\"")).contains("BAD_COMMAND").contains("frobnicate");
        send("read-all");
        assertThat(awaitLine("\"event\":\"updated\"")).contains("\"read\":true");
        awaitLine("{\"event\":\"unread\",\"count\":0}");
        send("quit");

        assertThat(awaitExit()).isZero();
        assertThat(server.receivedEvents()).anyMatch(e -> e.event().equals("mark:read"));
        String log = Files.readString(stderr);
        assertThat(log).as("--debug turns socket.io's own logging on").contains("io.socket");
        assertThat(log).as("no secret in the log").doesNotContain(token);
    }

    @Test
    void aDataFolderAnotherBelfryHoldsIsLeftAloneWithOneMessage() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        try (app.belfry.persist.FolderLock held = app.belfry.persist.FolderLock.tryLock(data).orElseThrow()) {
            start(null, "--headless", "--server", server.url(), "--token", token, "--data-dir", data.toString());
            assertThat(awaitLine("\"event\":\"error\"")).contains("DATA").contains("Another Belfry is using");
            awaitLine("\"state\":\"connected\"");
            server.publish(server.userId(ADA.email()), NotificationType.INFO, "Still works", "");
            awaitLine("Still works");
            send("quit");
            assertThat(awaitExit()).isZero();
        }
        try (var files = Files.list(data)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsOnly("belfry.lock");
        }
    }

    @Test
    void theEndOfInputQuitsToo() throws Exception {
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        start(null, "--headless", "--server", server.url(), "--token", token);
        awaitLine("\"state\":\"connected\"");
        process.getOutputStream().close();
        assertThat(awaitExit()).isZero();
    }

    @Test
    void aWrongPasswordExitsWithStatus3AndLeaksNothing() throws Exception {
        start("wrong-password-123", "--headless", "--debug", "--server", server.url(), "--email", ADA.email());
        assertThat(awaitLine("\"event\":\"error\"")).contains("Invalid email or password");
        assertThat(awaitExit()).isEqualTo(3);
        assertThat(Files.readString(stderr)).doesNotContain("wrong-password-123");
    }

    @Test
    void signingInWithEmailAndPasswordWorksAndThePasswordStaysOutOfTheLog() throws Exception {
        start(ADA.password(), "--headless", "--debug", "--server", server.url(), "--email", ADA.email());
        awaitLine("\"state\":\"connected\"");
        send("quit");
        assertThat(awaitExit()).isZero();
        assertThat(Files.readString(stderr)).doesNotContain(ADA.password());
    }

    /**
     * A server whose certificate comes from a private CA: refused with code TLS (and exit 1 when signing in), trusted
     * through {@code --ca-file}, and through the system's bundle once the CA is in it ({@code SSL_CERT_FILE} stands
     * for {@code update-ca-certificates} here).
     */
    @Test
    void aPrivateAuthorityIsRefusedWithCodeTlsAndTrustedThroughTheCaFileOrTheSystemsBundle() throws Exception {
        app.belfry.testing.TestCertificates pki = new app.belfry.testing.TestCertificates(
                Files.createDirectories(temp.resolve("pki")));
        tlsServer = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA))
                .withTls(pki.localhost().certificate(), pki.localhost().key()));
        String url = tlsServer.url();

        start(ADA.password(), "--headless", "--server", url, "--email", ADA.email());
        String refused = awaitLine("\"event\":\"error\"");
        assertThat(refused).contains("\"code\":\"TLS\"").contains("not from an authority Belfry trusts");
        assertThat(awaitExit()).isEqualTo(1);

        String token = new AuthClient(ConnectionOptions.defaults(url).withNetwork(
                app.belfry.net.NetworkSettings.DEFAULTS.withCaFile(pki.caCertificate())))
                .signIn(ADA.email(), ADA.password()).token();
        start(null, "--headless", "--server", url, "--token", token);
        assertThat(awaitLine("\"event\":\"error\"")).contains("\"code\":\"TLS\"");
        send("retry"); // one more attempt, said again: not a loop, and not silent
        assertThat(awaitLine("\"event\":\"error\"")).contains("\"code\":\"TLS\"");
        send("quit");
        assertThat(awaitExit()).isZero();

        start(null, "--headless", "--server", url, "--token", token, "--ca-file", pki.caCertificate().toString());
        awaitLine("\"state\":\"connected\"");
        send("quit");
        assertThat(awaitExit()).isZero();

        Path bundle = Files.writeString(temp.resolve("system-bundle.crt"), Files.readString(pki.caCertificate()));
        environment.put("SSL_CERT_FILE", bundle.toString());
        start(null, "--headless", "--server", url, "--token", token);
        awaitLine("\"state\":\"connected\"");
        send("quit");
        assertThat(awaitExit()).isZero();
    }

    /**
     * Through a proxy that asks for credentials: without them, signing in fails with code PROXY (exit 1); with them
     * in {@code http_proxy}, the session connects through it, and the proxy's password is in no log line.
     */
    @Test
    void aProxyIsUsedFromTheEnvironmentAndItsRefusalHasCodeProxy() throws Exception {
        try (app.belfry.testing.Tinyproxy proxy = app.belfry.testing.Tinyproxy.start(
                Files.createDirectories(temp.resolve("proxy")),
                app.belfry.testing.Tinyproxy.Settings.open().withBasicAuth("alice", "pr0xy-s3cret"))) {
            start(ADA.password(), "--headless", "--server", server.url(), "--email", ADA.email(),
                    "--proxy", proxy.url());
            assertThat(awaitLine("\"event\":\"error\"")).contains("\"code\":\"PROXY\"")
                    .contains("asks for a user name and password");
            assertThat(awaitExit()).isEqualTo(1);

            environment.put("http_proxy", "http://alice:pr0xy-s3cret@127.0.0.1:" + proxy.port());
            start(ADA.password(), "--headless", "--debug", "--server", server.url(), "--email", ADA.email());
            awaitLine("\"state\":\"connected\"");
            send("quit");
            assertThat(awaitExit()).isZero();
            assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + server.port());
            assertThat(Files.readString(stderr)).doesNotContain("pr0xy-s3cret");
        }
    }

    @Test
    void aForgedTokenExitsWithStatus3() throws Exception {
        start(null, "--headless", "--server", server.url(), "--token", "forged-token-value");
        awaitLine("\"event\":\"auth-required\"");
        process.getOutputStream().close();
        assertThat(awaitExit()).isEqualTo(3);
    }

    @Test
    void aSessionRevokedLaterWaitsForRetryOrQuit() throws Exception {
        AuthClient auth = new AuthClient(ConnectionOptions.defaults(server.url()));
        AuthClient.Session session = auth.signIn(ADA.email(), ADA.password());
        start(null, "--headless", "--server", server.url(), "--token", session.token());
        awaitLine("\"state\":\"connected\"");
        auth.signOut(new app.belfry.net.Credentials.BearerToken(session.token()));
        awaitLine("\"event\":\"auth-required\"");
        assertThat(process.isAlive()).isTrue();
        send("quit");
        assertThat(awaitExit()).isZero();
    }

    @Test
    void aReadTakenOfflineIsDeliveredOnceAfterARestart() throws Exception {
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        Path data = temp.resolve("kept");
        // 1. Online: a notification arrives and goes into the kept history.
        start(null, "--headless", "--server", server.url(), "--token", token, "--data-dir", data.toString());
        awaitLine("\"state\":\"connected\"");
        String id = server.publish(server.userId(ADA.email()), NotificationType.INFO, "Keep me", "").id();
        awaitLine("\"event\":\"notification\"");
        send("quit");
        assertThat(awaitExit()).isZero();

        // 2. Offline: the history is there; the read waits in the outbox, on disk, when Belfry quits.
        server.stopListening();
        stdout.clear();
        start(null, "--headless", "--server", server.url(), "--token", token, "--data-dir", data.toString());
        awaitLine("\"state\":\"error\"");
        send("read " + id);
        awaitLine("{\"event\":\"unread\",\"count\":0}");
        send("quit");
        assertThat(awaitExit()).isZero();
        assertThat(Files.readString(kept(data, "outbox.json"))).contains(id);
        assertThat(server.receivedEvents()).noneMatch(e -> e.event().equals("mark:read"));

        // 3. Back online, a new process: the read is sent, once.
        server.resumeListening();
        stdout.clear();
        start(null, "--headless", "--server", server.url(), "--token", token, "--data-dir", data.toString());
        awaitLine("\"state\":\"connected\"");
        awaitReads(1);
        send("quit");
        assertThat(awaitExit()).isZero();
        assertThat(server.receivedEvents()).filteredOn(e -> e.event().equals("mark:read"))
                .extracting(e -> e.payloadJson()).containsExactly("{\"notificationId\":\"" + id + "\"}");
        assertThat(Files.readString(kept(data, "outbox.json"))).doesNotContain(id);
    }

    /**
     * Clearing from a script: what is cleared is said, stays cleared after a restart although the catch-up brings it
     * again, and an id not kept is said to be unknown.
     */
    @Test
    void clearedNotificationsStayClearedAcrossARestartAndItsCatchUp() throws Exception {
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        String ada = server.userId(ADA.email());
        start(null, "--headless", "--server", server.url(), "--token", token);
        awaitLine("\"state\":\"connected\"");
        String kept = server.publish(ada, NotificationType.INFO, "Kept", "").id();
        awaitLine(kept);
        // The newest are cleared: the catch-up after the restart starts at the newest kept, and so brings them again.
        String read = server.publish(ada, NotificationType.INFO, "Read then cleared", "").id();
        awaitLine(read);
        String one = server.publish(ada, NotificationType.INFO, "Cleared alone", "").id();
        awaitLine(one);
        send("read " + read);
        awaitLine("{\"event\":\"unread\",\"count\":2}");
        send("clear-read");
        assertThat(awaitLine("\"event\":\"cleared\"")).isEqualTo("{\"event\":\"cleared\",\"id\":\"" + read + "\"}");
        send("clear " + one);
        assertThat(awaitLine("\"event\":\"cleared\"")).contains(one);
        awaitLine("{\"event\":\"unread\",\"count\":1}");
        send("clear no-such-id");
        assertThat(awaitLine("\"event\":\"error\"")).contains("NOT_FOUND").contains("no-such-id");
        send("clear");
        assertThat(awaitLine("\"event\":\"error\"")).contains("BAD_COMMAND");
        send("quit");
        assertThat(awaitExit()).isZero();

        // The server still has all three, unread but one, and its catch-up sends them again: only the kept one shows.
        stdout.clear();
        start(null, "--headless", "--server", server.url(), "--token", token);
        String after = server.publish(ada, NotificationType.INFO, "After the restart", "").id();
        List<String> lines = linesUntil(after);
        assertThat(String.join("\n", lines)).doesNotContain(read).doesNotContain(one);
        send("clear-all");
        List<String> clearedAll = new ArrayList<>(List.of(awaitLine("\"event\":\"cleared\""),
                awaitLine("\"event\":\"cleared\"")));
        assertThat(String.join("\n", clearedAll)).contains(kept).contains(after);
        awaitLine("{\"event\":\"unread\",\"count\":0}");
        send("quit");
        assertThat(awaitExit()).isZero();
    }

    /**
     * One data folder, two users in turn: Ada takes a read offline and quits; Bob, on the same folder, sees nothing of
     * Ada's and sends nothing of hers; Ada, back, has her history and her read reaches the server under her.
     */
    @Test
    void theNextUserOnTheSameFolderSeesAndSendsNothingOfThePreviousOnes() throws Exception {
        AuthClient auth = new AuthClient(ConnectionOptions.defaults(server.url()));
        String ada = auth.signIn(ADA.email(), ADA.password()).token();
        String bob = auth.signIn(BOB.email(), BOB.password()).token();
        Path data = temp.resolve("shared");
        start(null, "--headless", "--server", server.url(), "--token", ada, "--data-dir", data.toString());
        awaitLine("\"state\":\"connected\"");
        String id = server.publish(server.userId(ADA.email()), NotificationType.INFO, "Ada's secret plan", "").id();
        awaitLine("Ada's secret plan");
        server.stopListening();
        awaitLine("\"state\":\"disconnected\"");
        send("read " + id);
        awaitLine("{\"event\":\"unread\",\"count\":0}");
        send("quit");
        assertThat(awaitExit()).isZero();

        server.resumeListening();
        stdout.clear();
        start(null, "--headless", "--server", server.url(), "--token", bob, "--data-dir", data.toString());
        awaitLine("\"state\":\"connected\"");
        server.publish(server.userId(BOB.email()), NotificationType.INFO, "Bob's", "");
        awaitLine("Bob's");
        send("quit");
        assertThat(awaitExit()).isZero();
        assertThat(new ArrayList<>(stdout)).as("Bob's run").noneMatch(line -> line.contains("Ada's"));
        assertThat(server.receivedEvents()).as("nothing sent under Bob")
                .noneMatch(e -> e.event().startsWith("mark:read"));

        stdout.clear();
        start(null, "--headless", "--server", server.url(), "--token", ada, "--data-dir", data.toString());
        awaitLine("\"state\":\"connected\"");
        awaitReads(1);
        send("quit");
        assertThat(awaitExit()).isZero();
        assertThat(server.receivedEvents()).filteredOn(e -> e.event().equals("mark:read"))
                .extracting(e -> e.userId()).containsExactly(server.userId(ADA.email()));
    }

    /** A file of the one account kept in that data folder. */
    private static Path kept(Path data, String name) throws IOException {
        try (var files = Files.walk(data)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals(name)).toList();
            assertThat(found).as(name + " in one account's folder").hasSize(1);
            return found.get(0);
        }
    }

    /** True when this JVM ignores the signal: its children do too (a shell's background job, nohup). */
    private static boolean ignored(String signal) throws IOException {
        int number = switch (signal) {
            case "HUP" -> 1;
            case "INT" -> 2;
            default -> 15;
        };
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"TERM", "INT", "HUP"})
    void aSignalEndsInOrderKeepingTheQueuedReadsAndTheLastNotification(String signal) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux only");
        org.junit.jupiter.api.Assumptions.assumeFalse(ignored(signal), "SIG" + signal + " is ignored here");
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        Path data = temp.resolve("signalled");
        start(null, "--headless", "--server", server.url(), "--token", token, "--data-dir", data.toString());
        awaitLine("\"state\":\"connected\"");
        String userId = server.userId(ADA.email());
        String first = server.publish(userId, NotificationType.INFO, "First", "").id();
        String last = server.publish(userId, NotificationType.INFO, "The last one", "").id();
        awaitLine("The last one");
        server.stopListening();
        awaitLine("\"state\":\"disconnected\"");
        send("read " + first);
        send("read " + last);
        awaitLine("{\"event\":\"unread\",\"count\":0}");
        TimeUnit.MILLISECONDS.sleep(150); // the scenario: the signal soon after, while writes may still be due
        long signalled = System.nanoTime();
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor())
                .isZero();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("ended").isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
        assertThat(process.exitValue()).as("status; stderr:\n" + Files.readString(stderr)).isZero();
        assertThat(millis).as("ended within 2 s").isLessThan(2_000);
        assertThat(Files.readString(kept(data, "outbox.json"))).contains(first).contains(last);
        assertThat(Files.readString(kept(data, "history.json"))).contains("The last one");
        try (var files = Files.list(temp)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }

        server.resumeListening(); // back: both reads reach the server, from the disk
        stdout.clear();
        start(null, "--headless", "--server", server.url(), "--token", token, "--data-dir", data.toString());
        awaitLine("\"state\":\"connected\"");
        awaitReads(2);
        send("quit");
        assertThat(awaitExit()).isZero();
        assertThat(server.receivedEvents()).filteredOn(e -> e.event().startsWith("mark:read"))
                .extracting(e -> e.payloadJson()).containsExactlyInAnyOrder("{\"notificationId\":\"" + first + "\"}",
                        "{\"notificationId\":\"" + last + "\"}");
    }

    @Test
    void badArgumentsExitWithStatus2AndTheUsage() throws Exception {
        start(null, "--headless", "--token", "x");
        assertThat(awaitExit()).isEqualTo(2);
        assertThat(Files.readString(stderr)).contains("needs --server").contains("Usage:");
        start(null, "--max-notifications", "many");
        assertThat(awaitExit()).isEqualTo(2);
        assertThat(Files.readString(stderr)).contains("whole number");
    }
}

package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.NotificationType;
import app.belfry.net.AuthClient;
import app.belfry.net.ConnectionOptions;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import app.belfry.testing.Xvfb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Belfry's window in a second JVM on a real X server, ended the way the OS ends it at log-out: SIGTERM. It must end
 * in order (the history written, status 0, no crash log), where the JVM's own handling tore Glass and AWT down under
 * a running FX thread and cut the last writes short.
 */
class WindowSignalTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "lovelace-1815");

    @TempDir
    Path temp;

    private ReferenceServer server;
    private Process belfry;
    private Xvfb xvfb;

    @AfterEach
    void stop() {
        if (belfry != null) {
            belfry.destroyForcibly();
        }
        if (xvfb != null) {
            xvfb.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Optional<Path> history(Path data) throws Exception {
        if (!Files.isDirectory(data)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(f -> f.getFileName().toString().equals("history.json")).findFirst();
        }
    }

    private boolean historyHas(Path data, String title) throws Exception {
        Optional<Path> file = history(data);
        return file.isPresent() && Files.readString(file.get()).contains(title);
    }

    @Test
    void sigtermEndsTheWindowInOrderWithTheLastNotificationKept() throws Exception {
        xvfb = Xvfb.start();
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        Path data = temp.resolve("data");
        Path work = Files.createDirectories(temp.resolve("work"));
        Path log = temp.resolve("belfry.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "--server", server.url(),
                "--data-dir", data.toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", xvfb.display());
        builder.environment().put("BELFRY_TOKEN", token); // not on the command line, where ps would show it
        builder.environment().remove("BELFRY_SERVER");
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS"); // no desktop keyring or popups of the user's
        belfry = builder.start();

        String userId = server.userId(ADA.email());
        awaitTrue("connected", () -> server.connectCount() >= 1);
        server.publish(userId, NotificationType.INFO, "Warm-up", "");
        awaitTrue("the warm-up in the kept history", () -> historyHas(data, "Warm-up"));

        server.publish(userId, NotificationType.WARNING, "The last one", "");
        // The scenario itself, not a synchronization: SIGTERM while the history's debounced write is still due.
        TimeUnit.MILLISECONDS.sleep(400);
        long signalled = System.nanoTime();
        belfry.destroy(); // SIGTERM
        assertThat(belfry.waitFor(10, TimeUnit.SECONDS)).as("ended").isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
        String output = Files.readString(log);
        assertThat(belfry.exitValue()).as("exit status; output:\n" + output).isZero();
        assertThat(millis).as("ended within the 2 s the OS allows at log-out").isLessThan(2_000);
        assertThat(historyHas(data, "The last one")).as("the last notification is in the kept history").isTrue();
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no crash log").noneMatch(
                    name -> name.startsWith("hs_err") || name.startsWith("core"));
        }
        assertThat(output).doesNotContain("SIGSEGV").doesNotContain(token);
        assertThat(data.resolve("belfry.lock")).as("the folder is released").satisfies(lock -> {
            try (var channel = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE)) {
                assertThat(channel.tryLock()).isNotNull();
            }
        });
        assertThat(data.resolve("belfry.sock")).as("the single-instance socket is gone").doesNotExist();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private void awaitTrue(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!check.holds()) {
            if (System.nanoTime() > deadline || !belfry.isAlive()) {
                throw new AssertionError("timed out waiting until " + what + (belfry.isAlive() ? ""
                        : "; Belfry ended with " + belfry.exitValue()) + "; its output:\n"
                        + Files.readString(temp.resolve("belfry.log")));
            }
            belfry.waitFor(50, TimeUnit.MILLISECONDS); // polls, and notices at once if Belfry ends
        }
    }
}

package app.belfry.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A real dbus-daemon of its own for one test, listening on a unix socket in a temporary folder. Its configuration
 * names no service folders, so nothing is ever activated on it: a service is there only when a test exports it.
 */
public final class PrivateSessionBus extends ChildDaemon {

    private static final String CONFIG = """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:dir=%s</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """;

    private final String address;

    private PrivateSessionBus(Process process, String address, Path log) {
        super(process, log);
        this.address = address;
    }

    /**
     * Starts {@code dbus-daemon --config-file=DIR/bus.conf --nofork --print-address} and waits for its address. Without
     * dbus-daemon on the PATH the test is skipped, or fails on CI, where it must run.
     */
    public static PrivateSessionBus start(Path dir) throws IOException, InterruptedException {
        Path daemon = findOnPath("dbus-daemon");
        if (daemon == null) {
            String missing = "dbus-daemon is not on the PATH: install the Debian package dbus";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }
        Path config = Files.writeString(dir.resolve("bus.conf"), CONFIG.formatted(dir.toAbsolutePath()));
        Path log = dir.resolve("dbus-daemon.log");
        Process process = new ProcessBuilder(daemon.toString(), "--config-file=" + config, "--nofork",
                "--print-address")
                .redirectError(log.toFile())
                .start();
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                firstLine.complete(out.readLine());
                // Keep reading so that the daemon never blocks on a full pipe; ends when the daemon does.
                while (out.readLine() != null) {
                    // nothing else is expected
                }
            } catch (IOException e) {
                firstLine.completeExceptionally(e);
            }
        }, "dbus-daemon-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String address = firstLine.get(10, TimeUnit.SECONDS);
            if (address == null || address.isBlank()) {
                throw new IOException("dbus-daemon printed no address: " + Files.readString(log));
            }
            return new PrivateSessionBus(process, address.trim(), log);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("dbus-daemon did not print its address: " + Files.readString(log), e);
        }
    }

    /** {@code unix:path=...,guid=...} */
    public String address() {
        return address;
    }



    /** The program's file on the PATH, null when there is none. */
    public static Path findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}

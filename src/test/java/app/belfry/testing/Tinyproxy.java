package app.belfry.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real tinyproxy of its own for one test, on loopback, in the foreground, with its configuration and its log in
 * a folder the test gives. Without tinyproxy the test is skipped, or fails on CI ({@code CI=true}), where it must run.
 *
 * <p>Behaviour worth knowing (tinyproxy 1.11): a CONNECT without credentials gets {@code 407}, one with wrong
 * credentials gets {@code 401 Unauthorized}; a port outside the {@code ConnectPort} lines gets
 * {@code 403 Access violation}; a server it cannot reach gets {@code 500 Unable to connect}. Each request is logged
 * as {@code Request (file descriptor N): CONNECT host:port HTTP/1.1}.
 */
public final class Tinyproxy extends ChildDaemon {

    private static final Path PROGRAM = Path.of("/usr/bin/tinyproxy");
    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final int port;

    /** What to put in the configuration besides the fixed lines. */
    public record Settings(String user, String password, List<Integer> connectPorts) {

        /** An open proxy: no credentials, CONNECT to any port. */
        public static Settings open() {
            return new Settings(null, null, List.of());
        }

        /** Asks for this user name and password ({@code BasicAuth}). */
        public Settings withBasicAuth(String user, String password) {
            return new Settings(user, password, connectPorts);
        }

        /** CONNECT to these ports only ({@code ConnectPort}); every other port is refused with 403. */
        public Settings withConnectPorts(Integer... ports) {
            return new Settings(user, password, List.of(ports));
        }
    }

    private Tinyproxy(Process process, Path log, int port) {
        super(process, log);
        this.port = port;
    }

    /** An open proxy. */
    public static Tinyproxy start(Path dir) throws IOException, InterruptedException {
        return start(dir, Settings.open());
    }

    /** Starts {@code tinyproxy -d -c DIR/tinyproxy.conf} and waits until its port accepts connections. */
    public static Tinyproxy start(Path dir, Settings settings) throws IOException, InterruptedException {
        if (!Files.isExecutable(PROGRAM)) {
            String missing = PROGRAM + " is not installed: install the Debian package tinyproxy";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing + " (CI=true: these tests must run on CI)");
            }
            Assumptions.abort(missing);
        }
        // The free port is found by binding and letting go, so another process may take it first: then try again.
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOn(dir, freePort(), settings);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static Tinyproxy startOn(Path dir, int port, Settings settings) throws IOException, InterruptedException {
        Path log = dir.resolve("tinyproxy-" + port + ".log");
        Path output = dir.resolve("tinyproxy-" + port + ".out");
        List<String> lines = new ArrayList<>(List.of(
                "Listen 127.0.0.1",
                "Port " + port,
                "Allow 127.0.0.1",
                "LogLevel Info",
                "LogFile \"" + log.toAbsolutePath() + "\"",
                "PidFile \"" + dir.resolve("tinyproxy-" + port + ".pid").toAbsolutePath() + "\"",
                "MaxClients 50",
                "Timeout 30"));
        if (settings.user() != null) {
            lines.add("BasicAuth " + settings.user() + " " + settings.password());
        }
        settings.connectPorts().forEach(allowed -> lines.add("ConnectPort " + allowed));
        Path config = Files.write(dir.resolve("tinyproxy-" + port + ".conf"), lines);
        Process process = new ProcessBuilder(PROGRAM.toString(), "-d", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        Tinyproxy proxy = new Tinyproxy(process, log, port);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("tinyproxy exited with " + process.exitValue() + ": " + Files.readString(output)
                        + proxy.log());
            }
            if (accepts(port)) {
                return proxy;
            }
            process.waitFor(20, TimeUnit.MILLISECONDS); // returns at once should it exit
        }
        proxy.close();
        throw new IOException("tinyproxy did not listen on port " + port + " within " + START_TIMEOUT_MILLIS
                + " ms: " + proxy.log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String url() {
        return "http://127.0.0.1:" + port;
    }
}

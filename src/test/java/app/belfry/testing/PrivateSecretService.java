package app.belfry.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Secret Service for one test: {@code gnome-keyring-daemon --foreground --components=secrets}, serving only
 * secrets on a private bus, with its own HOME and XDG folders under a temporary folder, so the user's own keyring is
 * never touched. Started with {@code --unlock} it reads a password on its standard input and creates the "login"
 * collection, unlocked, under the alias "default"; started again on the same folders without it, that collection is
 * there but locked, and only a prompt would open it.
 */
public final class PrivateSecretService extends ChildDaemon {

    public static final String BUS_NAME = "org.freedesktop.secrets";
    private static final String PASSWORD = "belfry-test";

    private PrivateSecretService(Process process, Path log) {
        super(process, log);
    }

    /**
     * Starts the daemon on that bus and waits until it owns {@code org.freedesktop.secrets}. Without
     * gnome-keyring-daemon on the PATH the test is skipped, or fails on CI, where it must run.
     *
     * @param home the daemon's HOME; its keyrings go to {@code home/data/keyrings}
     * @param unlock whether to create and unlock the login collection with a password
     */
    public static PrivateSecretService start(PrivateSessionBus bus, Path home, boolean unlock)
            throws IOException, DBusException, InterruptedException {
        Path daemon = PrivateSessionBus.findOnPath("gnome-keyring-daemon");
        if (daemon == null) {
            String missing = "gnome-keyring-daemon is not on the PATH: install the Debian package gnome-keyring";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }
        Path runtime = Files.createDirectories(home.resolve("run"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Path log = home.resolve("gnome-keyring-daemon.log");
        List<String> command = unlock
                ? List.of(daemon.toString(), "--foreground", "--components=secrets", "--unlock")
                : List.of(daemon.toString(), "--foreground", "--components=secrets");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("HOME", home.toString());
        env.put("XDG_DATA_HOME", Files.createDirectories(home.resolve("data")).toString());
        env.put("XDG_CONFIG_HOME", Files.createDirectories(home.resolve("config")).toString());
        env.put("XDG_CACHE_HOME", Files.createDirectories(home.resolve("cache")).toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("DBUS_SESSION_BUS_ADDRESS", bus.address());

        DBusConnection watcher = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
        try {
            CompletableFuture<Void> owned = new CompletableFuture<>();
            watcher.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
                if (BUS_NAME.equals(signal.name) && !signal.newOwner.isEmpty()) {
                    owned.complete(null);
                }
            });
            Process process = builder.start();
            PrivateSecretService started = new PrivateSecretService(process, log);
            try (OutputStream in = process.getOutputStream()) {
                if (unlock) {
                    in.write(PASSWORD.getBytes(StandardCharsets.UTF_8));
                }
            }
            process.onExit().thenRun(() -> owned.completeExceptionally(
                    new IOException("gnome-keyring-daemon ended with " + process.exitValue())));
            DBus bus0 = watcher.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (bus0.NameHasOwner(BUS_NAME)) {
                owned.complete(null);
            }
            try {
                owned.get(15, TimeUnit.SECONDS);
                return started;
            } catch (ExecutionException | TimeoutException e) {
                started.close();
                throw new IOException("gnome-keyring-daemon did not take " + BUS_NAME + ": " + started.log(), e);
            }
        } finally {
            watcher.disconnect();
        }
    }


}

package app.belfry.persist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/** Where Belfry keeps its files: the platform's application data folder, or {@code --data-dir}. */
public final class DataDirectory {

    private DataDirectory() {
    }

    /**
     * Linux {@code $XDG_DATA_HOME/belfry}, else {@code ~/.local/share/belfry}; macOS
     * {@code ~/Library/Application Support/Belfry}; Windows {@code %APPDATA%\Belfry}.
     */
    public static Path platformDefault(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank() ? Path.of(appData, "Belfry")
                    : home.resolve("AppData").resolve("Roaming").resolve("Belfry");
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("Belfry");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg, "belfry")
                : home.resolve(".local").resolve("share").resolve("belfry");
    }

    /**
     * The server a session was last signed in to, from {@code settings.json} in that folder (null: the platform's),
     * without creating or changing anything; empty when there is none (a first start) or it cannot be read.
     */
    public static java.util.Optional<String> keptServer(Path given) {
        Path settings = resolve(given).resolve("settings.json");
        if (!Files.isRegularFile(settings)) {
            return java.util.Optional.empty();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = app.belfry.model.NotificationCodec.mapper()
                    .readTree(settings.toFile());
            String server = node == null ? "" : node.path("server").asText("");
            return server.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(server);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // opening the folder for real reports it, and sets the file aside
        }
    }

    /** The folder to use: the one given, or this user's platform default (null given); nothing is created. */
    public static Path resolve(Path given) {
        return given != null ? given
                : platformDefault(System.getProperty("os.name"), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The folder to use ({@link #resolve}); created (owner-only on POSIX) if missing. */
    public static Path open(Path given) throws IOException {
        Path dir = resolve(given);
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX (Windows): the user's profile folder is private already
        }
        return dir;
    }
}

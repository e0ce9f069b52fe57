package app.belfry.desktop.autostart;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Start at login, opt-in: the entry that makes the desktop start Belfry when the user logs in, minimized to the tray
 * ({@code --minimized}). Linux and other XDG desktops get a desktop entry in {@code $XDG_CONFIG_HOME/autostart},
 * Windows a value in the current user's {@code Run} key, macOS a LaunchAgent.
 *
 * <p>The entry starts the installed launcher, whose path the jpackage launcher gives in {@code jpackage.app-path}.
 * A development run ({@code mvn javafx:run}, {@code java -jar}) has none: {@link #enable} then refuses rather than
 * write an entry that would start nothing. Turning it off removes only what Belfry wrote.
 *
 * <p>{@link #isEnabled}, {@link #enable} and {@link #disable} read or write a file or the registry: call them off
 * the FX thread.
 */
public interface Autostart {

    /** What the entry starts Belfry with: into the tray, without its window (which shows if there is no tray). */
    String MINIMIZED = "--minimized";

    /** True when this is the installed Belfry, which an entry can start (a development run is not). */
    boolean installed();

    /** True when Belfry's own entry is there (one written by someone else does not count). */
    boolean isEnabled();

    /**
     * Writes the entry (again, if it is there), and returns one line saying what was written where.
     *
     * @throws AutostartException with a message for the user: not installed, someone else's entry in the way, or the
     *     file or the registry could not be written; nothing was written then
     */
    String enable() throws AutostartException;

    /**
     * Removes Belfry's entry, and returns one line saying what was removed (or that there was none).
     *
     * @throws AutostartException with a message for the user when an entry of that name is not Belfry's (it is left
     *     as it is) or it could not be removed
     */
    String disable() throws AutostartException;

    /** Where the entry lives, for people: a file's path, or the registry key and value. */
    String where();

    /** The writer for this OS, this user and this launcher (none in a development run). */
    static Autostart forThisSystem() {
        return forSystem(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")),
                launcher(System.getProperty("jpackage.app-path")));
    }

    /**
     * The writer for the OS named (as {@code os.name} names it), with the environment, home folder and installed
     * launcher given: tests give their own, so that no test touches the user's real login items.
     */
    static Autostart forSystem(String osName, Map<String, String> environment, Path home, Optional<Path> launcher) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new WindowsAutostart(new JnaRegistry(), launcher.map(Path::toString));
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return new MacAutostart(home, launcher);
        }
        return new LinuxAutostart(environment, home, launcher); // Linux, and the BSDs' XDG desktops alike
    }

    /** The launcher named by {@code jpackage.app-path}, when there is one. */
    private static Optional<Path> launcher(String appPath) {
        if (appPath == null || appPath.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(appPath).toAbsolutePath());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}

package app.belfry.desktop;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Whether the system is set to dark, where Belfry can read it, followed while Belfry runs: on Linux the XDG desktop
 * portal's {@code color-scheme} and its change signal ({@link PortalColorScheme}); on Windows the registry's
 * {@code AppsUseLightTheme} and a wait for its key to change ({@link RegistryColorScheme}); on macOS
 * {@code AppleInterfaceStyle}, read at start and again when Belfry's window gets the focus
 * ({@link DefaultsColorScheme}: macOS sends no change that Java can hear, and a timer would wake the machine for
 * nothing). Elsewhere, and wherever the setting cannot be read, nothing is reported: "Same as the system" stays light.
 *
 * <p>Nothing here blocks its caller: reading happens on the background executor (or a thread of the reader's own)
 * and every reading, true for dark, reaches the listener through {@code deliver} (the FX thread in the app).
 */
public interface SystemColorScheme extends AutoCloseable {

    /** Reads the setting again: for a system that does not say when it changes. Elsewhere nothing. */
    default void recheck() {
    }

    /** Stops following (disconnects, ends the reader's thread). */
    @Override
    void close();

    /**
     * Starts following this system's setting.
     *
     * @param env the process's environment ({@code DBUS_SESSION_BUS_ADDRESS} on Linux)
     */
    static SystemColorScheme follow(Map<String, String> env, Executor background, Executor deliver,
            Consumer<Boolean> dark) {
        Consumer<Boolean> listener = value -> deliver.execute(() -> dark.accept(value));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return PortalColorScheme.start(env.get("DBUS_SESSION_BUS_ADDRESS"), background, listener);
        } else if (os.startsWith("windows")) {
            return RegistryColorScheme.start(WindowsThemeKey::open, listener);
        } else if (os.startsWith("mac")) {
            return DefaultsColorScheme.start(DefaultsColorScheme::runProcess, background, listener);
        }
        return () -> { };
    }
}

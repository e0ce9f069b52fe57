package app.belfry.desktop;

import java.lang.System.Logger.Level;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The system's colour scheme on Windows 10 and 11: {@code AppsUseLightTheme} under
 * {@code HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\Personalize} (0 when apps are to be dark), read at
 * start and again each time Windows says the key has changed. Its thread sleeps in the wait between changes, so
 * following costs no wake-ups. A Windows without the value (before 10) is light; one without the key says so once
 * and reports nothing.
 *
 * <p>Threads: one of its own, {@code belfry-theme-watch}, a daemon: it opens the key (Windows wants a change
 * notification asked for by a thread that lives on), reads, waits, and reports to the listener.
 */
public final class RegistryColorScheme implements SystemColorScheme {

    private static final System.Logger LOG = System.getLogger(DbusPopupSink.LOGGER_NAME);

    static final String KEY = "Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize";
    static final String VALUE = "AppsUseLightTheme";

    /** The part of the registry this needs; {@link WindowsThemeKey} is the real one, tests give a fake. */
    interface ThemeKey {
        /** {@code AppsUseLightTheme}: 0 dark, 1 light; empty where Windows has no such value. */
        OptionalInt appsUseLightTheme();

        /** Blocks until the key changes (true), or until {@link #stop} (false). */
        boolean awaitChange();

        /** Ends a wait, from another thread. */
        void stop();

        /** Releases the key, after the last wait. */
        void close();
    }

    private final Object lock = new Object();
    /** Guarded by {@link #lock}; null until the key is open, and after it is closed. */
    private ThemeKey key;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    private final Thread thread;

    private RegistryColorScheme(Callable<ThemeKey> open, Consumer<Boolean> dark) {
        thread = new Thread(() -> watch(open, dark), "belfry-theme-watch");
        thread.setDaemon(true);
    }

    /** Opens the key and follows it on a thread of its own. */
    static RegistryColorScheme start(Callable<ThemeKey> open, Consumer<Boolean> dark) {
        RegistryColorScheme scheme = new RegistryColorScheme(open, dark);
        scheme.thread.start();
        return scheme;
    }

    private void watch(Callable<ThemeKey> open, Consumer<Boolean> dark) {
        ThemeKey opened;
        try {
            opened = open.call();
        } catch (Exception | LinkageError e) {
            LOG.log(Level.INFO, "Windows'' theme setting cannot be read ({0}): the theme \"Same as the system\" is "
                    + "light", e.toString());
            return;
        }
        synchronized (lock) {
            if (closed) {
                opened.close();
                return;
            }
            key = opened;
        }
        try {
            Boolean last = null;
            do {
                OptionalInt light = opened.appsUseLightTheme();
                boolean isDark = light.isPresent() && light.getAsInt() == 0;
                if (last == null || last != isDark) { // the key holds other values too, which change alone
                    last = isDark;
                    dark.accept(isDark);
                }
            } while (opened.awaitChange());
        } finally {
            synchronized (lock) {
                key = null;
                opened.close();
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (key != null) {
                key.stop();
            }
        }
    }
}

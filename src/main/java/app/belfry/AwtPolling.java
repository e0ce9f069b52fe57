package app.belfry;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * How often AWT's X11 event thread (the tray's) wakes while nothing happens. It waits in {@code poll()} on the X
 * connection and on a pipe that AWT writes to whenever another thread has work for it, yet by default gives up every
 * half second, twice a second for nothing: the time-out once let Xt's timers run, which AWT on X11 no longer uses
 * (its own timers set the wait's end themselves). The JDK reads the longest wait from {@code _AWT_MAX_POLL_TIMEOUT}
 * when its toolkit starts; Belfry sets it to a minute in the C library's environment first, unless it is set.
 */
final class AwtPolling {

    /** The longest wait of AWT's event thread with nothing to do, in milliseconds. */
    static final String LONGEST_WAIT_MILLIS = "60000";

    private AwtPolling() {
    }

    /** Before AWT starts (the tray comes after the first frame). */
    static void configure() {
        apply(System.getProperty("os.name", ""), Rendering::setenvIfAbsent);
    }

    static void apply(String osName, BiConsumer<String, String> environmentIfAbsent) {
        if (osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            environmentIfAbsent.accept("_AWT_MAX_POLL_TIMEOUT", LONGEST_WAIT_MILLIS);
        }
    }
}

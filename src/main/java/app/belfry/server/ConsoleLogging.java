package app.belfry.server;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * One-line console logging through java.util.logging, which Belfry's classes (System.Logger), socket.io-client
 * and netty-socketio (through slf4j-jdk14) all end up in. Libraries stay at WARNING unless debugging.
 */
public final class ConsoleLogging {

    /** Held so that the levels set on them stay: java.util.logging keeps loggers only weakly. */
    private static final java.util.List<Logger> LIBRARY_LOGGERS = new java.util.ArrayList<>();

    private ConsoleLogging() {
    }

    /** Replaces the root handlers; with {@code debug}, the Socket.IO libraries log at FINE too. */
    public static synchronized void install(boolean debug) {
        install(debug, null);
    }

    /** The same, with a filter every record passes through (Belfry's redacts secrets). */
    public static synchronized void install(boolean debug, java.util.logging.Filter filter) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            // The user configured logging themselves; the filter still applies.
            if (filter != null) {
                for (java.util.logging.Handler handler : Logger.getLogger("").getHandlers()) {
                    handler.setFilter(filter);
                }
            }
            return;
        }
        System.setProperty("java.util.logging.SimpleFormatter.format",
                "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(debug ? Level.FINE : Level.INFO);
        if (filter != null) {
            handler.setFilter(filter);
        }
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        for (String library : new String[] {"io.netty", "com.corundumstudio", "io.socket", "okhttp3"}) {
            Logger logger = Logger.getLogger(library);
            logger.setLevel(debug ? Level.FINE : Level.WARNING);
            LIBRARY_LOGGERS.add(logger);
        }
        // JavaFX warns at every start that it runs from the class path: Belfry runs that way on purpose.
        Logger javafx = Logger.getLogger("javafx");
        javafx.setLevel(debug ? Level.INFO : Level.SEVERE);
        LIBRARY_LOGGERS.add(javafx);
    }
}

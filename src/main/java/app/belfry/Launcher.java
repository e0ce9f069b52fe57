package app.belfry;

import app.belfry.desktop.autostart.Autostart;
import app.belfry.net.SecretRedactor;
import app.belfry.server.ConsoleLogging;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import javafx.application.Application;

/**
 * Belfry's entry point. A plain class, not an {@link Application}: on the class path, a main class that extends
 * Application fails with "JavaFX runtime components are missing".
 */
public final class Launcher {

    /** Every secret Belfry learns is registered here, and no log line shows it. */
    static final SecretRedactor REDACTOR = new SecretRedactor();

    private Launcher() {
    }

    public static void main(String[] args) {
        ShutdownSignals.install();
        // The system's proxy settings (Windows, macOS, GNOME), read by the runtime's ProxySelector: it reads this
        // once, when it is first used, so before anything else touches the network.
        if (System.getProperty("java.net.useSystemProxies") == null) {
            System.setProperty("java.net.useSystemProxies", "true");
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("belfry: " + e.getMessage());
            System.err.print(LaunchOptions.USAGE);
            System.exit(HeadlessMode.BAD_ARGUMENTS);
            return;
        }
        switch (options.command()) {
            case HELP -> {
                System.out.print(LaunchOptions.USAGE);
                return;
            }
            case VERSION -> {
                System.out.println("Belfry " + version());
                return;
            }
            case AUTOSTART_ON, AUTOSTART_OFF -> {
                int status = AutostartCommand.run(options.command() == LaunchOptions.Command.AUTOSTART_ON,
                        Autostart.forThisSystem(), System.out, System.err);
                if (status != AutostartCommand.DONE) {
                    System.exit(status);
                }
                return;
            }
            case RUN, SMOKE_TEST -> { }
        }
        options.network().secrets().forEach(REDACTOR::register); // a proxy's password, masked in every log line
        ConsoleLogging.install(options.debug(), REDACTOR);
        UncaughtExceptions.install();
        if (options.headless()) {
            HeadlessMode headless = new HeadlessMode(options, REDACTOR, System.out, System.err);
            ShutdownSignals.endWith(headless::requestQuit);
            int status = headless.run(System.in);
            UncaughtExceptions.installed().reportRepeats();
            if (status != HeadlessMode.OK) {
                System.exit(status);
            }
            return; // the JVM ends by itself: Belfry's threads are all gone or daemons
        }
        if (options.command() == LaunchOptions.Command.RUN && SingleInstance.askRunningToShow(
                app.belfry.persist.DataDirectory.resolve(options.dataDirPath()))) {
            System.out.println("Belfry is already running: its window is in front now.");
            if (args.length > 0) {
                System.out.println("The options given here were not used: quit the running Belfry first, or give "
                        + "this one a data folder of its own with --data-dir.");
            }
            return;
        }
        ShutdownSignals.endWith(BelfryApp::requestQuit);
        Rendering.configure();
        AwtPolling.configure();
        Application.launch(BelfryApp.class, args);
        // Belfry has ended itself in order (Belfry.quit), and the FX toolkit with it; don't wait for netty's
        // graceful quiet period.
        System.exit(BelfryApp.exitStatus());
    }

    /** The version from the build, or "dev" when run from an IDE without Maven's resources. */
    static String version() {
        try (InputStream in = Launcher.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}

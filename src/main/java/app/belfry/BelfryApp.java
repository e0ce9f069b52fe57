package app.belfry;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: opens one {@link Belfry} window. Started by {@link Launcher}, never directly. */
public final class BelfryApp extends Application {

    private static volatile Belfry running;
    private static volatile int exitStatus;

    @Override
    public void start(Stage stage) {
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw().toArray(String[]::new), System.getenv());
        running = Belfry.open(stage, options);
        if (options.command() == LaunchOptions.Command.SMOKE_TEST) {
            SmokeTest.watch(stage, running);
        }
    }

    /** Ends in order (an OS signal): the window's {@link Belfry#quit} on the FX thread. Any thread. */
    static void requestQuit() {
        try {
            Platform.runLater(() -> {
                Belfry belfry = running;
                if (belfry != null) {
                    belfry.quit();
                } else {
                    Platform.exit();
                }
            });
        } catch (IllegalStateException e) {
            Runtime.getRuntime().halt(0); // the toolkit is not up yet: nothing was opened, nothing to write
        }
    }

    /** Quits with this status (the smoke test's verdict). FX thread. */
    static void quit(int status) {
        exitStatus = status;
        Belfry belfry = running;
        if (belfry != null) {
            belfry.quit();
        } else {
            Platform.exit();
        }
    }

    static int exitStatus() {
        return exitStatus;
    }

    @Override
    public void stop() {
        Belfry belfry = running;
        if (belfry != null) {
            belfry.close(); // ended already when Belfry quit itself, which is how it ends
        }
        UncaughtExceptions.installed().reportRepeats();
    }
}

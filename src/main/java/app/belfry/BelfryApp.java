package app.belfry;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: opens one {@link Belfry} window. Started by {@link Launcher}, never directly. */
public final class BelfryApp extends Application {

    private Belfry belfry;

    @Override
    public void start(Stage stage) {
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw().toArray(String[]::new), System.getenv());
        belfry = Belfry.open(stage, options);
        if (options.command() == LaunchOptions.Command.SMOKE_TEST) {
            SmokeTest.watch(stage, belfry);
        }
    }

    @Override
    public void stop() {
        if (belfry != null) {
            belfry.close();
        }
        UncaughtExceptions.installed().reportRepeats();
    }
}

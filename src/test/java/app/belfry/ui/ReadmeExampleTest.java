package app.belfry.ui;

import app.belfry.Belfry;
import app.belfry.LaunchOptions;
import app.belfry.model.NotificationType;
import app.belfry.net.AuthClient;
import app.belfry.net.ConnectionOptions;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.io.TempDir;

/** The example in the README's "For QA" section, kept compiling and passing. */
@ExtendWith(ApplicationExtension.class)
class ReadmeExampleTest {
    @TempDir
    java.nio.file.Path dataDir;

    ReferenceServer server;
    Belfry belfry;

    @Start
    void start(Stage stage) throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults()
                .withUsers(List.of(new UserAccount("qa@example.com", "secret"))));
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn("qa@example.com", "secret").token();
        belfry = Belfry.open(stage, LaunchOptions.parse(new String[] {"--server", server.url(), "--token", token, "--data-dir", dataDir.toString()}, Map.of()));
    }

    @Test
    void theBadgeCounts(FxRobot robot) throws Exception {
        server.publish(server.userId("qa@example.com"), NotificationType.INFO, "Hello", "QA");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "1".equals(robot.lookup("#unread-badge").queryAs(Label.class).getText()));
        robot.clickOn("#bell-button").clickOn("#mark-all-read");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#unread-badge").query().isVisible());
    }

    @AfterEach
    void stop() throws Exception {
        // Ends as Quit does; the second get waits until everything is written and the data folder released.
        WaitForAsyncUtils.asyncFx(belfry::shutDown).get().get(10, TimeUnit.SECONDS);
        server.close();
    }
}

package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.Belfry;
import app.belfry.LaunchOptions;
import app.belfry.model.NotificationType;
import app.belfry.net.AuthClient;
import app.belfry.net.ConnectionOptions;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * While nothing happens, nothing animates: a running JavaFX animation, however slow, makes JavaFX run a pulse 60
 * times a second. What animates is read from JavaFX's own timer, the one that drives every animation.
 */
@ExtendWith(ApplicationExtension.class)
class IdleWindowTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "lovelace-1815");

    @TempDir
    Path dataDir;

    private ReferenceServer server;
    private Belfry belfry;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
    }

    @AfterEach
    void stop() throws Exception {
        if (belfry != null) {
            WaitForAsyncUtils.asyncFx(() -> belfry.shutDown()).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        }
        WaitForAsyncUtils.asyncFx(stage::hide).get(10, TimeUnit.SECONDS);
        server.close();
    }

    private void open(String... args) throws Exception {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of(args),
                java.util.stream.Stream.of("--data-dir", dataDir.toString())).toArray(String[]::new);
        WaitForAsyncUtils.asyncFx(() -> belfry = Belfry.open(stage, LaunchOptions.parse(all, Map.of())))
                .get(10, TimeUnit.SECONDS);
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out waiting until " + what);
        }
    }

    /** The animations and animation timers JavaFX runs now, as its primary timer counts them. */
    private static int animating() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Object toolkit = Class.forName("com.sun.javafx.tk.Toolkit").getMethod("getToolkit").invoke(null);
            Object timer = toolkit.getClass().getMethod("getPrimaryTimer").invoke(toolkit);
            Class<?> primary = Class.forName("com.sun.scenario.animation.AbstractPrimaryTimer");
            int count = 0;
            for (String name : new String[] {"receiversLength", "animationTimersLength"}) {
                Field field = primary.getDeclaredField(name);
                field.setAccessible(true);
                count += field.getInt(timer);
            }
            return count;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWindowShowingThirtyNotificationsAnimatesNothing(FxRobot robot) throws Exception {
        for (int i = 0; i < 30; i++) {
            server.publish(server.userId(ADA.email()), NotificationType.values()[i % 4], "Notification " + i, "");
        }
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        open("--server", server.url(), "--token", token);
        waitUntil("thirty rows with their times", () -> belfry.store().isConnectedNow()
                && belfry.store().notifications().size() == 30
                && robot.lookup("#inbox-list .notification-cell .time").queryAll().stream()
                        .anyMatch(time -> !((javafx.scene.control.Label) time).getText().isEmpty()));
        waitUntil("nothing animating", () -> animating() == 0);
    }

    @Test
    void theSignInViewAnimatesOnlyItsCaretAndItsProgressWhileSigningIn(FxRobot robot) throws Exception {
        open("--server", server.url());
        waitUntil("the sign-in view", () -> robot.lookup("#login-view").query().isVisible());
        waitUntil("nothing animating in the sign-in view", () -> animating() == 0);

        robot.clickOn("#login-email").write(ADA.email());
        assertThat(animating()).as("the caret blinks in the field being typed in").isEqualTo(1);
        robot.clickOn("#login-password").write(ADA.password());
        robot.clickOn("#login-submit");
        waitUntil("signed in", () -> belfry.store().isConnectedNow() && !robot.lookup("#login-view").query()
                .isVisible());
        waitUntil("nothing animating once signed in: no caret, no progress", () -> animating() == 0);
    }
}

package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.Belfry;
import app.belfry.LaunchOptions;
import app.belfry.UncaughtExceptions;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import app.belfry.net.AuthClient;
import app.belfry.net.ConnectionOptions;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import app.belfry.testing.LogCapture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A burst as a user's CI sends one, into the window keeping 500: the inbox (a filtered view of the store's list) and
 * the dropdown (its newest hundred) must agree with the store all along, and nothing may throw on the FX thread.
 */
@ExtendWith(ApplicationExtension.class)
class BurstUiTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "lovelace-1815");

    @TempDir
    Path dataDir;

    @RegisterExtension
    final LogCapture uncaught = new LogCapture(UncaughtExceptions.class.getName());

    private ReferenceServer server;
    private Belfry belfry;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() throws Exception {
        if (belfry != null) {
            shutDown();
        }
        WaitForAsyncUtils.asyncFx(stage::hide).get(10, TimeUnit.SECONDS);
        if (server != null) {
            server.close();
        }
    }

    /** Ends Belfry as Quit does, and waits until everything is written and the data folder released. */
    private void shutDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> belfry.shutDown()).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    @Test
    void aBurstLeavesTheInboxAndTheDropdownEqualToTheStore(FxRobot robot) throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        WaitForAsyncUtils.asyncFx(() -> belfry = Belfry.open(stage, LaunchOptions.parse(new String[] {
                "--server", server.url(), "--token", token, "--data-dir", dataDir.toString(), "--keep", "500"},
                Map.of())))
                .get(10, TimeUnit.SECONDS);
        waitUntil("connected", () -> belfry.store().isConnectedNow());
        assertThat(fx(() -> Thread.currentThread().getUncaughtExceptionHandler()))
                .as("the FX thread's exceptions go to Belfry's handler").isSameAs(UncaughtExceptions.installed());
        robot.clickOn("#bell-button");
        waitUntil("the dropdown", () -> robot.lookup("#notification-list").tryQuery().isPresent());
        ListView<?> inbox = robot.lookup("#inbox-list").queryAs(ListView.class);
        ListView<?> dropdown = robot.lookup("#notification-list").queryAs(ListView.class);

        String user = server.userId(ADA.email());
        int sent = 0;
        Notification last = null;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 120; i++) { // 100 a second
                last = server.publish(user, NotificationType.values()[sent % 4], "Burst " + sent++, "paced");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            for (int i = 0; i < 200; i++) { // at once
                last = server.publish(user, NotificationType.values()[sent % 4], "Burst " + sent++, "at once");
            }
            for (int i = 0; i < 300; i++) { // 1,000 a second
                last = server.publish(user, NotificationType.values()[sent % 4], "Burst " + sent++, "fast");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            List<List<?>> all = fx(() -> List.of(List.copyOf(inbox.getItems()), List.copyOf(dropdown.getItems()),
                    List.copyOf(belfry.store().notifications()))); // one look, on the FX thread
            assertThat(all.get(0)).as("the inbox during round " + round).isEqualTo(all.get(2));
            assertThat(all.get(1)).as("the dropdown during round " + round)
                    .isEqualTo(all.get(2).subList(0, Math.min(100, all.get(2).size())));
        }
        String lastId = last.id();
        waitUntil("the last one shown", () -> !belfry.store().notifications().isEmpty()
                && belfry.store().notifications().get(0).id().equals(lastId));

        List<Notification> held = fx(() -> List.copyOf(belfry.store().notifications()));
        assertThat(held).as("--keep 500").hasSize(500);
        assertThat(fx(() -> List.copyOf(inbox.getItems()))).as("the inbox").isEqualTo(held);
        assertThat(fx(() -> List.copyOf(dropdown.getItems()))).as("the dropdown: the newest 100")
                .isEqualTo(held.subList(0, 100));
        assertThat(uncaught.lines()).as("nothing thrown on the FX thread").isEmpty();
    }
}

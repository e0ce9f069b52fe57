package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import app.belfry.store.NotificationStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An empty list asked to make its rows ahead (as the window asks after its start) makes them hidden, behind its
 * placeholder; the first notifications show in those very rows.
 */
@ExtendWith(ApplicationExtension.class)
class PreparedRowsTest {

    private NotificationStore store;
    private ListView<Notification> list;

    @Start
    void start(Stage stage) {
        store = new NotificationStore(Runnable::run, 100);
        list = NotificationListView.create("prepared-list", store.notifications(), store, new RelativeTime(),
                "prepared-empty", "Nothing yet", n -> { });
        list.setFixedCellSize(NotificationPanel.rowHeight());
        Scene scene = new Scene(new StackPane(list), 380, NotificationPanel.rowHeight() * 8);
        scene.getStylesheets().add(MainWindow.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void anEmptyListMakesItsRowsAheadAndTheFirstNotificationsUseThem() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> list.lookupAll(".notification-cell"))).as("an empty list has no rows of itself").isEmpty();
        WaitForAsyncUtils.asyncFx(() -> NotificationListView.prepareRows(list)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Set<Node> ahead = fx(() -> Set.copyOf(list.lookupAll(".notification-cell")));
        assertThat(ahead).as("rows made ahead").hasSizeGreaterThanOrEqualTo(8);
        assertThat(fx(() -> ahead.stream().filter(n -> ((NotificationCell) n).getGraphic().isVisible()).count()))
                .as("none of them shows anything").isZero();
        assertThat(fx(() -> list.getPlaceholder().isVisible())).isTrue();

        WaitForAsyncUtils.asyncFx(() -> {
            for (int i = 0; i < 5; i++) {
                store.onNotification(new Notification("n" + i, NotificationType.INFO, "Title " + i, "Message",
                        Instant.now(), false));
            }
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        List<NotificationCell> showing = fx(() -> list.lookupAll(".notification-cell").stream()
                .map(NotificationCell.class::cast).filter(c -> c.getItem() != null).collect(Collectors.toList()));
        assertThat(showing).hasSize(5);
        assertThat(ahead).as("the rows made ahead show them").containsAll(showing);
        assertThat(fx(() -> showing.stream().allMatch(c -> c.isVisible() && c.getGraphic().isVisible()))).isTrue();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }
}

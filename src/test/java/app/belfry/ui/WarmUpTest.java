package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The rows' rehearsal draws real rows, styled by the window's own stylesheet and theme, and leaves nothing behind:
 * nothing in a window, nothing for QA's lookups, no rows once it is over.
 */
@ExtendWith(ApplicationExtension.class)
class WarmUpTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(new Label("Belfry")), 300, 200));
        stage.show();
    }

    @Test
    void rehearsesRealRowsInTheWindowsThemeAndLeavesNothingBehind(FxRobot robot) throws Exception {
        List<String> seen = new ArrayList<>();
        List<ListView<Notification>> rehearsed = new ArrayList<>();
        // The window's scene as the rehearsal sees it: Belfry's stylesheet, the dark theme's class on the root (a scene
        // of its own: the test's stage is shared with other tests, whose themes may still follow it).
        Scene window = new Scene(new StackPane(new Label("Belfry")), 300, 200);
        window.getStylesheets().add(MainWindow.STYLESHEET);
        window.getRoot().getStyleClass().add("dark");
        CountDownLatch go = new CountDownLatch(0);
        WarmUp.rehearse(window, go, List.of(), list -> {
            rehearsed.add(list);
            seen.add("rows " + list.getItems().size());
            for (Node node : list.lookupAll(".notification-cell")) {
                NotificationCell cell = (NotificationCell) node;
                if (cell.getItem() != null && cell.getItem().type() == NotificationType.ERROR) {
                    Region dot = (Region) cell.lookup(".type-dot");
                    seen.add("error dot " + dot.getBackground().getFills().get(0).getFill());
                    seen.add("error row said " + cell.queryAccessibleAttribute(
                            javafx.scene.AccessibleAttribute.TEXT));
                }
            }
            // While it runs, QA finds none of its rows: they are in no window.
            seen.add("found by lookup " + robot.lookup(".notification-cell").queryAll().size());
        }).get(30, TimeUnit.SECONDS);

        assertThat(seen).contains("rows " + WarmUp.KEPT, "found by lookup 0");
        // The dark palette's error colour, through the dot's own pseudo-class: the stylesheet and theme were used.
        assertThat(seen).contains("error dot " + Color.web("#f87171"));
        assertThat(seen).anyMatch(s -> s.startsWith("error row said Unread, Error: Rehearsal")
                || s.startsWith("error row said Error: Rehearsal"));
        assertThat(rehearsed.get(0).getItems()).as("the rows are let go").isEmpty();
    }
}

package app.belfry.ui;

import app.belfry.i18n.Texts;
import app.belfry.model.Notification;
import app.belfry.store.FirstOf;
import app.belfry.store.NotificationStore;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The bell's dropdown, as the guide draws it: a header with "Notifications" and "Mark all read" (only while
 * something is unread; it marks all that Belfry keeps), then the newest hundred, 320 px wide and at most 384 px high,
 * or "No notifications".
 */
final class NotificationPanel {

    static final double WIDTH = 320;
    static final double MAX_HEIGHT = 384;
    /** The dropdown shows the newest hundred, as the guide's; the inbox holds (and searches) all that is kept. */
    static final int SHOWN = 100;

    private final VBox root;
    private final ListView<Notification> list;

    NotificationPanel(NotificationStore store, RelativeTime relativeTime, UndoBar undo) {
        Label title = new Label(Texts.text("panel.title"));
        title.getStyleClass().add("panel-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Hyperlink markAll = new Hyperlink(Texts.text("panel.markAllRead"));
        markAll.setId("mark-all-read");
        markAll.setTooltip(new javafx.scene.control.Tooltip(Texts.format("panel.markAllRead.tooltip",
                MainWindow.MARK_ALL_READ.getDisplayText())));
        markAll.getStyleClass().add("mark-all-read");
        markAll.visibleProperty().bind(store.unreadCountProperty().greaterThan(0));
        markAll.managedProperty().bind(markAll.visibleProperty());
        markAll.setOnAction(e -> {
            store.markAllAsRead();
            markAll.setVisited(false);
        });
        HBox header = new HBox(title, spacer, markAll);
        header.getStyleClass().add("panel-header");
        header.setAlignment(Pos.CENTER_LEFT);

        ObservableList<Notification> newest = new FirstOf<>(store.notifications(), SHOWN, Notification::id);
        list = NotificationListView.create("notification-list", newest, store, relativeTime,
                "empty-state", Texts.text("list.empty"), n -> undo.cleared(store.clear(n.id())));
        // As tall as its rows, up to the panel's limit; then it scrolls.
        double rowHeight = rowHeight();
        list.setFixedCellSize(rowHeight);
        list.setAccessibleText(Texts.text("panel.title"));
        list.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.min(MAX_HEIGHT - 48, Math.max(64, newest.size() * rowHeight + 2)), newest));

        root = new VBox(header, list);
        root.setId("notification-popover");
        root.getStyleClass().add("notification-panel");
        // The guide's width, wider where a language's header needs it ("Alle als gelesen markieren").
        root.setMinWidth(WIDTH);
        list.setPrefWidth(WIDTH);
        title.setMinWidth(Region.USE_PREF_SIZE);
        markAll.setMinWidth(Region.USE_PREF_SIZE);
        spacer.setMinWidth(16);
        root.setMaxHeight(MAX_HEIGHT);
    }

    Parent root() {
        return root;
    }

    ListView<Notification> list() {
        return list;
    }

    /** A row's height for the system font: title, two lines of message, time, padding. */
    static double rowHeight() {
        return Math.ceil(javafx.scene.text.Font.getDefault().getSize() * 7.0);
    }
}

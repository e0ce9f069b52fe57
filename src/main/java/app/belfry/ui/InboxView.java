package app.belfry.ui;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import app.belfry.store.NotificationStore;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.collections.transformation.FilteredList;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The main window's body: the full inbox, with an All / Unread switch and a filter by type. */
final class InboxView {

    private final VBox root;
    private final ListView<Notification> list;

    InboxView(NotificationStore store, RelativeTime relativeTime) {
        Label title = new Label("Inbox");
        title.getStyleClass().add("inbox-title");

        ToggleGroup show = new ToggleGroup();
        ToggleButton all = new ToggleButton("All");
        all.setId("filter-all");
        ToggleButton unread = new ToggleButton("Unread");
        unread.setId("filter-unread");
        all.setToggleGroup(show);
        unread.setToggleGroup(show);
        all.setSelected(true);
        show.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) {
                was.setSelected(true); // one of the two is always on
            }
        });

        ComboBox<NotificationType> type = new ComboBox<>();
        type.setId("type-filter");
        type.getItems().add(null);
        type.getItems().addAll(NotificationType.values());
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(NotificationType value) {
                return value == null ? "All types"
                        : value.wireName().substring(0, 1).toUpperCase() + value.wireName().substring(1);
            }

            @Override
            public NotificationType fromString(String text) {
                return null;
            }
        });
        type.getSelectionModel().selectFirst();

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(title, spacer, all, unread, type);
        toolbar.getStyleClass().add("inbox-toolbar");

        FilteredList<Notification> shown = new FilteredList<>(store.notifications());
        ObjectBinding<Predicate<Notification>> filter = Bindings.createObjectBinding(() -> {
            boolean unreadOnly = unread.isSelected();
            NotificationType only = type.getValue();
            return n -> (!unreadOnly || !n.read()) && (only == null || n.type() == only);
        }, unread.selectedProperty(), type.valueProperty());
        shown.predicateProperty().bind(filter);

        list = NotificationListView.create("inbox-list", shown, store, relativeTime,
                "inbox-empty-state", "No notifications");
        list.setFixedCellSize(NotificationPanel.rowHeight());
        VBox.setVgrow(list, Priority.ALWAYS);

        root = new VBox(toolbar, list);
        root.getStyleClass().add("inbox");
    }

    Parent root() {
        return root;
    }

    ListView<Notification> list() {
        return list;
    }
}

package app.belfry.ui;

import app.belfry.model.ConnectionState;
import app.belfry.model.Notification;
import app.belfry.model.SocketError;
import app.belfry.store.NotificationStore;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Belfry's main window: a top bar with the connection status, and the inbox. Everything binds to the store. */
public final class MainWindow {

    private final BorderPane root = new BorderPane();

    public MainWindow(NotificationStore store, String note) {
        Label title = new Label("Belfry");
        title.getStyleClass().add("app-title");
        Label status = new Label();
        status.setId("connection-status");
        status.textProperty().bind(Bindings.createStringBinding(
                () -> statusText(store.connectionStateProperty().get(), store.errorProperty().get()),
                store.connectionStateProperty(), store.errorProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label unread = new Label();
        unread.setId("unread-count");
        unread.textProperty().bind(Bindings.format("%d unread", store.unreadCountProperty()));
        HBox top = new HBox(12, title, status, spacer, unread);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 12, 8, 12));

        ListView<Notification> list = new ListView<>(store.notifications());
        list.setId("notification-list");
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Notification item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null
                        : (item.read() ? "" : "• ") + item.title() + " — " + item.message());
            }
        });
        Label empty = new Label("No notifications");
        empty.setId("empty-state");
        list.setPlaceholder(empty);

        root.setTop(top);
        root.setCenter(list);
        if (note != null) {
            Label demo = new Label(note);
            demo.setId("demo-note");
            demo.setPadding(new Insets(4, 12, 4, 12));
            root.setBottom(demo);
        }
    }

    public Parent root() {
        return root;
    }

    /** The guide's ConnectionStatus texts, exactly. */
    public static String statusText(ConnectionState state, SocketError error) {
        return switch (state) {
            case CONNECTING -> "Connecting...";
            case CONNECTED -> "Connected";
            case DISCONNECTED -> "Disconnected";
            case ERROR -> "Connection error: " + (error == null || error.message().isBlank()
                    ? "Unknown error" : error.message());
        };
    }
}

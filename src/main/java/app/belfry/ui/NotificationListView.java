package app.belfry.ui;

import app.belfry.model.Notification;
import app.belfry.store.NotificationStore;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;

/**
 * A virtualised list of notifications: clicking or pressing Enter on an unread row marks it read; its ✕, or Delete on
 * the focused row, clears it.
 */
final class NotificationListView {

    private NotificationListView() {
    }

    static ListView<Notification> create(String id, ObservableList<Notification> items, NotificationStore store,
            RelativeTime relativeTime, String emptyId, String emptyText, Consumer<Notification> clear) {
        return create(id, items, store, relativeTime, emptyId, new SimpleStringProperty(emptyText),
                new SimpleObjectProperty<>(List.of()), clear);
    }

    /**
     * @param emptyText what the list says when it has no rows (it may change: "No notifications match …")
     * @param words the search's words, highlighted in the rows
     * @param clear clears a row (its ✕, or Delete on the focused row)
     */
    static ListView<Notification> create(String id, ObservableList<Notification> items, NotificationStore store,
            RelativeTime relativeTime, String emptyId, ObservableValue<String> emptyText,
            ObservableValue<List<String>> words, Consumer<Notification> clear) {
        ListView<Notification> list = new ListView<>(items);
        list.setId(id);
        list.getStyleClass().add("notification-list");
        list.setCellFactory(view -> new NotificationCell(relativeTime, n -> open(store, n), words, clear));
        Label empty = new Label();
        empty.textProperty().bind(emptyText);
        empty.setId(emptyId);
        empty.getStyleClass().add("empty-state");
        list.setPlaceholder(empty);
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) { // as a button takes them
                Notification focused = list.getFocusModel().getFocusedItem();
                if (focused != null) {
                    open(store, focused);
                }
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                Notification focused = list.getFocusModel().getFocusedItem();
                if (focused != null) {
                    clear.accept(focused);
                }
                e.consume();
            }
        });
        return list;
    }

    /** Rows an empty list makes ahead, hidden: about a screenful of the dropdown or the inbox. */
    static final int ROWS_AHEAD = 14;

    /**
     * An empty list makes its rows ahead, hidden: a list makes its cells only when it has items, so the first
     * notifications paid for making, styling and first drawing a screenful of rows in one pulse (about a hundred
     * milliseconds in the installed app). The rows wait, empty and hidden, in the list's own pile. Now if the list has
     * been laid out, else after its first layout (the dropdown's, when it first opens). The window asks for this after
     * its start, with the rehearsal ({@link WarmUp}): never while the first frame is being made. FX thread.
     */
    static void prepareRows(ListView<Notification> list) {
        if (list.getSkin() != null && !list.isNeedsLayout()) {
            makeRowsAhead(list);
            return;
        }
        list.needsLayoutProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean needs) {
                // After the skin's first layout, which sets the flow's count to the list's own.
                if (!needs && list.getSkin() != null) {
                    list.needsLayoutProperty().removeListener(this);
                    makeRowsAhead(list);
                }
            }
        });
    }

    private static void makeRowsAhead(ListView<Notification> list) {
        if (list.getItems().isEmpty()
                && list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow
                && flow.getCellCount() == 0) {
            flow.setCellCount(ROWS_AHEAD);
            // Hidden behind the placeholder, the flow has no size of its own, and makes no cells.
            flow.resize(Math.max(list.getWidth(), 1), Math.max(list.getHeight(), 1));
        }
    }

    private static void open(NotificationStore store, Notification notification) {
        if (!notification.read()) {
            store.markAsRead(notification.id());
        }
    }
}

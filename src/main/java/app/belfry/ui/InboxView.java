package app.belfry.ui;

import app.belfry.i18n.Texts;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import app.belfry.store.NotificationStore;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.collections.transformation.FilteredList;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The main window's body: everything Belfry keeps, searchable (title and message, as you type, whatever the case and
 * accents; the words highlighted), with an All / Unread switch and a filter by type. Escape in the search field
 * clears it.
 */
final class InboxView {

    private final VBox root;
    private final ListView<Notification> list;
    private final TextField search = new TextField();

    InboxView(NotificationStore store, RelativeTime relativeTime, UndoBar undo) {
        Label title = new Label(Texts.text("inbox.title"));
        title.getStyleClass().add("inbox-title");

        ToggleGroup show = new ToggleGroup();
        ToggleButton all = new ToggleButton(Texts.text("inbox.all"));
        all.setId("filter-all");
        ToggleButton unread = new ToggleButton(Texts.text("inbox.unread"));
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
        type.setConverter(ShownAs.shownAs(value -> value == null ? Texts.text("type.all")
                : Texts.text("type." + value.wireName())));
        type.getSelectionModel().selectFirst();

        search.setId("inbox-search");
        search.setPromptText(Texts.text("inbox.search"));
        search.setAccessibleText(Texts.format("inbox.search.accessible", new javafx.scene.input.KeyCodeCombination(
                KeyCode.F, javafx.scene.input.KeyCombination.SHORTCUT_DOWN).getDisplayText()));
        search.getStyleClass().add("inbox-search");
        search.setPrefColumnCount(16);
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            }
        });

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        MenuItem clearRead = new MenuItem(Texts.text("inbox.clearRead"));
        clearRead.setId("clear-read");
        clearRead.setOnAction(e -> undo.cleared(store.clearRead()));
        MenuItem clearAll = new MenuItem(Texts.text("inbox.clearAll"));
        clearAll.setId("clear-all");
        clearAll.setOnAction(e -> undo.cleared(store.clearAll()));
        MenuButton clear = new MenuButton(Texts.text("inbox.clear"), null, clearRead, clearAll);
        clear.setId("clear-menu");
        clear.disableProperty().bind(Bindings.isEmpty(store.notifications()));

        HBox toolbar = new HBox(title, spacer, search, all, unread, type, clear);
        toolbar.getStyleClass().add("inbox-toolbar");

        TextSearch index = new TextSearch(store.notifications());
        search.focusedProperty().addListener((o, was, focused) -> {
            if (focused) {
                index.prepare(javafx.application.Platform::runLater);
            }
        });
        ObjectBinding<List<String>> words = Bindings.createObjectBinding(() -> TextSearch.words(search.getText()),
                search.textProperty());
        FilteredList<Notification> shown = new FilteredList<>(store.notifications());
        ObjectBinding<Predicate<Notification>> filter = Bindings.createObjectBinding(() -> {
            boolean unreadOnly = unread.isSelected();
            NotificationType only = type.getValue();
            Predicate<Notification> found = index.matching(words.get());
            return n -> (!unreadOnly || !n.read()) && (only == null || n.type() == only) && found.test(n);
        }, unread.selectedProperty(), type.valueProperty(), words);
        shown.predicateProperty().bind(filter);
        StringBinding emptyText = Bindings.createStringBinding(() -> words.get().isEmpty()
                ? Texts.text("list.empty") : Texts.format("list.noMatch", search.getText().strip()),
                words);

        list = NotificationListView.create("inbox-list", shown, store, relativeTime, "inbox-empty-state", emptyText,
                words, n -> undo.cleared(store.clear(n.id())));
        list.setFixedCellSize(NotificationPanel.rowHeight());
        list.setAccessibleText(Texts.text("inbox.title"));
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

    /** Ctrl+F (Cmd+F): to the search field, its text selected. */
    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }
}

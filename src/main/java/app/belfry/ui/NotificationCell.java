package app.belfry.ui;

import app.belfry.i18n.Texts;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One notification row, as the guide draws it: a dot coloured by type, the title on one line, the message on at
 * most two, the relative time, and a blue dot while unread; beyond the guide, the search's words highlighted and a ✕
 * that clears it. Style class {@code notification-cell}; pseudo-classes
 * {@code :unread} and the type ({@code :info}, {@code :success}, {@code :warning}, {@code :error}).
 */
final class NotificationCell extends ListCell<Notification> {

    static final PseudoClass UNREAD = PseudoClass.getPseudoClass("unread");
    private static final Map<NotificationType, PseudoClass> TYPES = new EnumMap<>(NotificationType.class);

    static {
        for (NotificationType type : NotificationType.values()) {
            TYPES.put(type, PseudoClass.getPseudoClass(type.wireName()));
        }
    }
    /** Text beyond this is cut for display (the store keeps it whole). */
    static final int DISPLAY_LIMIT = 400;

    private final RelativeTime relativeTime;
    private final Label title = new Label();
    private final Label message = new Label();
    private final Label time = new Label();
    /**
     * The title and the message with the search's words highlighted, shown instead of the labels while searching;
     * made the first time a search finds something in this row (a row has fewer nodes to style and lay out).
     */
    private TextFlow titleFlow;
    private TextFlow messageFlow;
    private final VBox text;
    private final ObservableValue<List<String>> words;
    private final Region unreadDot = new Region();
    /**
     * Coloured by the type's pseudo-class on the dot itself: were a style rule to read it on the row, a row that
     * shows another type would restyle its whole subtree.
     */
    private final Region typeDot = new Region();
    private final HBox row;
    private final ChangeListener<Instant> tick = (o, was, now) -> onTick(now);
    private final ChangeListener<List<String>> searched = (o, was, now) -> {
        if (!isEmpty() && getItem() != null) {
            highlight(getItem());
        }
    };
    private Instant createdAt;
    private RelativeTime.Said timeSaid;

    /** @param words the search's words to highlight (none: an empty list) */
    NotificationCell(RelativeTime relativeTime, Consumer<Notification> onOpen, ObservableValue<List<String>> words,
            Consumer<Notification> onClear) {
        this.relativeTime = relativeTime;
        this.words = words;
        // Only Belfry's own class, not Modena's "cell" and "list-cell": Modena styles a list cell by its :odd/:even
        // index, so with them every row that a new notification moves down one place would restyle its whole
        // subtree (a dozen nodes) in the next pulse; Belfry's stylesheet draws the row by itself.
        getStyleClass().setAll("notification-cell");

        typeDot.getStyleClass().add("type-dot");
        HBox.setMargin(typeDot, new Insets(5, 0, 0, 0));

        title.getStyleClass().add("title");
        title.setTextOverrun(OverrunStyle.ELLIPSIS);
        title.setMaxWidth(Double.MAX_VALUE);
        message.getStyleClass().add("message");
        message.setWrapText(true);
        message.setTextOverrun(OverrunStyle.ELLIPSIS);
        // Two lines at most, whatever the font size.
        message.maxHeightProperty().bind(message.fontProperty().map(f -> f.getSize() * 3.0));
        message.setMinHeight(0);
        time.getStyleClass().add("time");
        text = new VBox(2, title, message, time);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        // A wrapped label needs a width to know its height: give the message the width the row leaves it.
        message.prefWidthProperty().bind(text.widthProperty());
        words.addListener(new WeakChangeListener<>(searched));

        unreadDot.getStyleClass().add("unread-dot");
        VBox.setMargin(unreadDot, new Insets(5, 0, 0, 0));

        // Clear: a small ✕ that shows on the row under the pointer (and on the focused one); Delete does the same.
        Button clear = new Button("\u2715");
        clear.getStyleClass().add("clear-button");
        clear.setFocusTraversable(false);
        clear.setTooltip(new Tooltip(Texts.text("row.clear.tooltip")));
        clear.setAccessibleText(Texts.text("row.clear.accessible"));
        clear.visibleProperty().bind(hoverProperty().or(focusedProperty()));
        clear.setOnAction(e -> {
            if (!isEmpty() && getItem() != null) {
                onClear.accept(getItem());
            }
        });
        VBox side = new VBox(4, unreadDot, clear);
        side.setAlignment(Pos.TOP_RIGHT);
        side.setMinWidth(Region.USE_PREF_SIZE);

        row = new HBox(8, typeDot, text, side);
        row.setAlignment(Pos.TOP_LEFT);
        row.setMinWidth(0);
        row.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset()), widthProperty(),
                paddingProperty()));
        row.setMaxWidth(Region.USE_PREF_SIZE);
        setPrefWidth(0); // let the list's width decide, never the text's
        setGraphic(row);
        row.setVisible(false);

        relativeTime.nowProperty().addListener(new WeakChangeListener<>(tick));
        setOnMouseClicked(e -> {
            if (!isEmpty() && getItem() != null && !(e.getTarget() instanceof Node target && isInside(target, clear))) {
                onOpen.accept(getItem());
            }
        });
    }

    @Override
    protected void updateItem(Notification item, boolean empty) {
        super.updateItem(item, empty);
        for (NotificationType type : NotificationType.values()) {
            boolean isType = !empty && item != null && item.type() == type;
            pseudoClassStateChanged(TYPES.get(type), isType); // for QA; no style rule reads it on the row
            typeDot.pseudoClassStateChanged(TYPES.get(type), isType);
        }
        pseudoClassStateChanged(UNREAD, !empty && item != null && !item.read());
        setUserData(empty || item == null ? null : item.id()); // QA finds a row by its notification's id
        if (empty || item == null) {
            createdAt = null;
            row.setVisible(false); // kept as the graphic: a row that shows again is not rebuilt and restyled
            setText(null);
            return;
        }
        title.setText(cut(item.title()));
        message.setText(cut(item.message()));
        highlight(item);
        unreadDot.setVisible(!item.read());
        createdAt = item.createdAt();
        refreshTime(); // and what a screen reader says, which ends with the time
        setText(null);
        row.setVisible(true);
    }

    /**
     * The store replaces a notification that changes, so a row is redrawn when its item is another object; a record's
     * {@code equals} would compare every field, the texts included, for each row at every layout.
     */
    @Override
    protected boolean isItemChanged(Notification oldItem, Notification newItem) {
        return oldItem != newItem;
    }

    /** What a screen reader says of the row: read or not, its type, title, message and time. */
    private String accessibleText(Notification item) {
        return Texts.format(item.read() ? "row.accessible.read" : "row.accessible.unread",
                Texts.text("type." + item.type().wireName()), cut(item.title()), cut(item.message()),
                time.getText());
    }

    /** The labels, or (where the search's words occur) the same texts with the words highlighted. */
    private void highlight(Notification item) {
        List<String> searchedFor = words.getValue();
        String titleText = cut(item.title());
        String messageText = cut(item.message());
        List<int[]> inTitle = TextSearch.ranges(titleText, searchedFor);
        List<int[]> inMessage = TextSearch.ranges(messageText, searchedFor);
        if (titleFlow == null && inTitle.isEmpty() && inMessage.isEmpty()) {
            show(title, true);
            show(message, !messageText.isEmpty());
            return; // never searched for anything this row shows: no runs to make
        }
        makeFlows();
        fill(titleFlow, titleText, inTitle);
        fill(messageFlow, messageText, inMessage);
        show(title, inTitle.isEmpty());
        show(titleFlow, !inTitle.isEmpty());
        show(message, inMessage.isEmpty() && !messageText.isEmpty());
        show(messageFlow, !inMessage.isEmpty());
    }

    private void makeFlows() {
        if (titleFlow == null) {
            titleFlow = new TextFlow();
            messageFlow = new TextFlow();
            titleFlow.getStyleClass().add("title-flow");
            messageFlow.getStyleClass().add("message-flow");
            clipToLines(titleFlow, text, 1.4);
            clipToLines(messageFlow, text, 3.0);
            text.getChildren().add(1, titleFlow);
            text.getChildren().add(3, messageFlow);
        }
    }

    /** The text as runs, each match a {@code search-match} run. */
    private static void fill(TextFlow flow, String text, List<int[]> matches) {
        if (matches.isEmpty()) {
            if (!flow.getChildren().isEmpty()) {
                flow.getChildren().clear();
            }
            return; // not searching, the usual case: nothing to build
        }
        List<Text> runs = new ArrayList<>();
        int at = 0;
        for (int[] match : matches) {
            if (match[0] > at) {
                runs.add(run(text.substring(at, match[0]), false));
            }
            runs.add(run(text.substring(match[0], match[1]), true));
            at = match[1];
        }
        if (at < text.length()) {
            runs.add(run(text.substring(at), false));
        }
        flow.getChildren().setAll(runs);
    }

    private static Text run(String text, boolean match) {
        Text run = new Text(text);
        run.getStyleClass().add("search-text");
        if (match) {
            run.getStyleClass().add("search-match");
        }
        return run;
    }

    private static void show(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    /** At most {@code lines} lines of the flow's font (a little more than one line each), as wide as {@code text}. */
    private static void clipToLines(TextFlow flow, Region text, double lines) {
        flow.prefWidthProperty().bind(text.widthProperty());
        flow.setMinHeight(0);
        flow.setMaxHeight(javafx.scene.text.Font.getDefault().getSize() * lines);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(flow.widthProperty());
        clip.heightProperty().bind(flow.heightProperty());
        flow.setClip(clip);
    }

    /** A time that has run out is said again; one that holds asks for its tick again. */
    private void onTick(Instant now) {
        if (createdAt != null && timeSaid.holdsAt(now)) {
            relativeTime.due(timeSaid.until());
        } else {
            refreshTime();
        }
    }

    private void refreshTime() {
        if (createdAt != null) {
            timeSaid = relativeTime.since(createdAt);
            time.setText(timeSaid.text());
            notifyAccessibleAttributeChanged(AccessibleAttribute.TEXT);
        }
    }

    /**
     * What a screen reader says of the row is put together when it asks, not each time a row shows another
     * notification: in a burst that happens to every row at every pulse.
     */
    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        if (attribute == AccessibleAttribute.TEXT && !isEmpty() && getItem() != null) {
            return accessibleText(getItem());
        }
        return super.queryAccessibleAttribute(attribute, parameters);
    }

    private static boolean isInside(Node target, Node container) {
        for (Node node = target; node != null; node = node.getParent()) {
            if (node == container) {
                return true;
            }
        }
        return false;
    }

    static String cut(String text) {
        return text.length() <= DISPLAY_LIMIT ? text : text.substring(0, DISPLAY_LIMIT) + "…";
    }
}

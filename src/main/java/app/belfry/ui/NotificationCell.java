package app.belfry.ui;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Instant;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One notification row, as the guide draws it: a dot coloured by type, the title on one line, the message on at
 * most two, the relative time, and a blue dot while unread. Style class {@code notification-cell}; pseudo-classes
 * {@code :unread} and the type ({@code :info}, {@code :success}, {@code :warning}, {@code :error}).
 */
final class NotificationCell extends ListCell<Notification> {

    static final PseudoClass UNREAD = PseudoClass.getPseudoClass("unread");
    /** Text beyond this is cut for display (the store keeps it whole). */
    static final int DISPLAY_LIMIT = 400;

    private final RelativeTime relativeTime;
    private final Label title = new Label();
    private final Label message = new Label();
    private final Label time = new Label();
    private final Region unreadDot = new Region();
    private final HBox row;
    private final ChangeListener<Instant> tick = (o, was, now) -> refreshTime();
    private Instant createdAt;

    NotificationCell(RelativeTime relativeTime, Consumer<Notification> onOpen) {
        this.relativeTime = relativeTime;
        getStyleClass().add("notification-cell");

        Region typeDot = new Region();
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
        VBox text = new VBox(2, title, message, time);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        // A wrapped label needs a width to know its height: give the message the width the row leaves it.
        message.prefWidthProperty().bind(text.widthProperty());

        unreadDot.getStyleClass().add("unread-dot");
        HBox.setMargin(unreadDot, new Insets(5, 0, 0, 0));

        row = new HBox(8, typeDot, text, unreadDot);
        row.setAlignment(Pos.TOP_LEFT);
        row.setMinWidth(0);
        row.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset()), widthProperty(),
                paddingProperty()));
        row.setMaxWidth(Region.USE_PREF_SIZE);
        setPrefWidth(0); // let the list's width decide, never the text's

        relativeTime.nowProperty().addListener(new WeakChangeListener<>(tick));
        setOnMouseClicked(e -> {
            if (!isEmpty() && getItem() != null) {
                onOpen.accept(getItem());
            }
        });
    }

    @Override
    protected void updateItem(Notification item, boolean empty) {
        super.updateItem(item, empty);
        for (NotificationType type : NotificationType.values()) {
            pseudoClassStateChanged(PseudoClass.getPseudoClass(type.wireName()), !empty && item != null
                    && item.type() == type);
        }
        pseudoClassStateChanged(UNREAD, !empty && item != null && !item.read());
        if (empty || item == null) {
            createdAt = null;
            setGraphic(null);
            setText(null);
            setAccessibleText(null);
            return;
        }
        title.setText(cut(item.title()));
        message.setText(cut(item.message()));
        message.setVisible(!item.message().isEmpty());
        message.setManaged(!item.message().isEmpty());
        unreadDot.setVisible(!item.read());
        createdAt = item.createdAt();
        refreshTime();
        setText(null);
        setGraphic(row);
        setAccessibleText((item.read() ? "" : "Unread. ") + item.type().wireName() + ": " + cut(item.title()) + ". "
                + cut(item.message()));
    }

    private void refreshTime() {
        if (createdAt != null) {
            time.setText(relativeTime.since(createdAt));
        }
    }

    static String cut(String text) {
        return text.length() <= DISPLAY_LIMIT ? text : text.substring(0, DISPLAY_LIMIT) + "…";
    }
}

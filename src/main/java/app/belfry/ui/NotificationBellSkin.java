package app.belfry.ui;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.skin.ButtonSkin;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.SVGPath;

/** The bell's look: an outlined bell, the badge at the top right, the connection dot at the bottom right. */
final class NotificationBellSkin extends ButtonSkin {

    static final PseudoClass CONNECTED = PseudoClass.getPseudoClass("connected");

    /** A bell drawn on a 24-unit grid: the body, its rim, and the clapper. */
    private static final String BELL = "M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9 M13.73 21a2 2 0 0 1-3.46 0";

    NotificationBellSkin(NotificationBell bell) {
        super(bell);
        SVGPath icon = new SVGPath();
        icon.setContent(BELL);
        icon.getStyleClass().add("bell-icon");

        Label badge = new Label();
        badge.setId("unread-badge");
        badge.getStyleClass().add("unread-badge");
        badge.textProperty().bind(bell.unreadCountProperty().map(n -> NotificationBell.badgeText(n.intValue())));
        badge.visibleProperty().bind(bell.unreadCountProperty().greaterThan(0));
        badge.setTranslateX(9);
        badge.setTranslateY(-9);
        badge.setMouseTransparent(true);

        Region dot = new Region();
        dot.setId("connection-dot");
        dot.getStyleClass().add("connection-dot");
        dot.pseudoClassStateChanged(CONNECTED, bell.isConnected());
        bell.connectedProperty().addListener((o, was, is) -> dot.pseudoClassStateChanged(CONNECTED, is));
        dot.setTranslateX(2);
        dot.setTranslateY(2);
        dot.setMouseTransparent(true);

        StackPane graphic = new StackPane(icon, badge, dot);
        StackPane.setAlignment(badge, Pos.TOP_RIGHT);
        StackPane.setAlignment(dot, Pos.BOTTOM_RIGHT);
        graphic.setMinSize(28, 28);
        graphic.setPrefSize(28, 28);
        bell.setGraphic(graphic);
        bell.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }
}

package app.belfry.ui;

import app.belfry.i18n.Texts;
import app.belfry.model.ConnectionStatus;
import app.belfry.model.SocketError;
import app.belfry.store.NotificationStore;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * The guide's {@code RealTimeIndicator}: shown while not connected. "Real-time updates unavailable. Reconnecting..."
 * with the attempt; when the attempts are spent, "Real-time updates unavailable." and a Retry button. A certificate's or
 * a proxy's problem is not retried: the banner says what it is, with Retry.
 */
final class RealtimeBanner {

    private final HBox root;

    RealtimeBanner(NotificationStore store) {
        Label text = new Label();
        text.setId("realtime-text");
        root = new HBox();
        // Empty while the banner is hidden: QA reads what the user sees.
        text.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> root.isVisible() ? text(store.statusProperty().get()) : "", root.visibleProperty(),
                store.statusProperty()));
        text.setWrapText(true); // a certificate's problem takes a sentence or two
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
        Button retry = new Button(Texts.text("banner.retry"));
        retry.setId("retry-button");
        retry.visibleProperty().bind(store.statusProperty().map(ConnectionStatus::retriesExhausted));
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> store.retry());
        retry.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the text beside it wraps instead
        root.getChildren().setAll(text, retry);
        root.setId("realtime-banner");
        root.getStyleClass().add("realtime-banner");
        root.managedProperty().bind(root.visibleProperty());
    }

    Parent root() {
        return root;
    }

    /** Shows the banner while not connected, unless sign-in is needed (then the sign-in view says what is wrong). */
    void showWhile(NotificationStore store, javafx.beans.value.ObservableBooleanValue signingIn) {
        root.visibleProperty().bind(store.connectedProperty().not().and(store.authRequiredProperty().not())
                .and(javafx.beans.binding.Bindings.not(signingIn)));
    }

    static String text(ConnectionStatus status) {
        SocketError error = status.error();
        if (status.retriesExhausted() && error != null && error.retryWillNotFix()) {
            return Texts.format("banner.unavailableBecause", error.message()); // a certificate or a proxy: say which
        }
        if (status.retriesExhausted()) {
            return Texts.text("banner.unavailable");
        }
        return status.attempt() > 0
                ? Texts.format("banner.reconnectingAttempt", status.attempt(), status.maxAttempts())
                : Texts.text("banner.reconnecting");
    }
}

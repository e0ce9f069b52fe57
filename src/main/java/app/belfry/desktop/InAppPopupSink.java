package app.belfry.desktop;

import app.belfry.i18n.Texts;
import app.belfry.model.NotificationType;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Belfry's own popups (ControlsFX), where the desktop has no notification service and no tray: a click opens, and
 * the buttons Mark read (Mark all read on a summary) and Open. ControlsFX's dark style while Belfry is dark.
 */
public final class InAppPopupSink implements PopupSink {

    private final Window owner;
    private final Executor fxThread;
    private final BooleanSupplier dark;
    private volatile BiConsumer<Action, String> handler = (action, id) -> { };

    /** @param dark whether Belfry's theme is dark now; asked on the FX thread as each popup shows */
    public InAppPopupSink(Window owner, Executor fxThread, BooleanSupplier dark) {
        this.owner = owner;
        this.fxThread = fxThread;
        this.dark = dark;
    }

    @Override
    public boolean show(Popup popup) {
        fxThread.execute(() -> {
            Notifications notification = Notifications.create().owner(owner).title(popup.title())
                    .text(popup.body()).hideAfter(Duration.seconds(popup.type() == NotificationType.ERROR ? 12 : 6))
                    .onAction(e -> handler.accept(Action.OPEN, popup.notificationId()))
                    .action(new org.controlsfx.control.action.Action(
                                    Texts.text(popup.isSummary() ? "popup.markAllRead" : "popup.markRead"),
                                    e -> handler.accept(Action.MARK_READ, popup.notificationId())),
                            new org.controlsfx.control.action.Action(Texts.text("popup.open"),
                                    e -> handler.accept(Action.OPEN, popup.notificationId())));
            if (dark.getAsBoolean()) {
                notification.darkStyle();
            }
            if (popup.type() == NotificationType.ERROR) {
                notification.showError();
            } else if (popup.type() == NotificationType.WARNING) {
                notification.showWarning();
            } else {
                notification.showInformation();
            }
        });
        return true;
    }

    @Override
    public void onAction(BiConsumer<Action, String> value) {
        handler = value;
    }

    @Override
    public String name() {
        return "Belfry's own popups"; // not shown: for the log
    }

    @Override
    public void close() {
    }
}

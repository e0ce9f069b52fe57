package app.belfry.desktop;

import app.belfry.model.NotificationType;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Belfry's own popups (ControlsFX), where the desktop has no notification service and no tray. */
public final class InAppPopupSink implements PopupSink {

    private final Window owner;
    private final Executor fxThread;
    private volatile Consumer<String> handler = id -> { };

    public InAppPopupSink(Window owner, Executor fxThread) {
        this.owner = owner;
        this.fxThread = fxThread;
    }

    @Override
    public boolean show(Popup popup) {
        fxThread.execute(() -> {
            Notifications notification = Notifications.create().owner(owner).title(popup.title())
                    .text(popup.body()).hideAfter(Duration.seconds(popup.type() == NotificationType.ERROR ? 12 : 6))
                    .onAction(e -> handler.accept(popup.notificationId()));
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
    public void onActivated(Consumer<String> value) {
        handler = value;
    }

    @Override
    public String name() {
        return "Belfry's own popups";
    }

    @Override
    public void close() {
    }
}

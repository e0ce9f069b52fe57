package app.belfry.desktop;

import java.util.function.Consumer;

/** Somewhere popups can be shown: the desktop's notification service, the tray, or Belfry's own window. */
public interface PopupSink extends AutoCloseable {

    /** Shows a popup; returns false when it could not (the caller may fall back). Any thread. */
    boolean show(Popup popup);

    /** Called (on a thread of the sink's choosing) when the user clicks a popup: its notificationId, or null. */
    void onActivated(Consumer<String> handler);

    String name();

    @Override
    void close();
}

package app.belfry.desktop;

import java.util.function.Consumer;

/** Somewhere to show native popups: the desktop's notification service, the tray, or nothing. */
public interface PopupSink extends AutoCloseable {

    /** Shows a popup; returns false when it could not (the caller may fall back). Any thread. */
    boolean show(Popup popup);

    /**
     * Called (on a thread of the sink's choosing) when the user clicks a popup: with its notificationId, or null for
     * a summary.
     */
    void onActivated(Consumer<String> handler);

    /** What this sink is, for the log and the settings: "D-Bus (dunst 1.9.0)". */
    String name();

    /** Stops showing popups and lets go of every resource; the sink leaves no thread behind. */
    @Override
    void close();
}

package app.belfry.desktop;

import java.util.function.BiConsumer;

/** Somewhere to show native popups: the desktop's notification service, the tray, or nothing. */
public interface PopupSink extends AutoCloseable {

    /** Shows a popup; returns false when it could not (the caller may fall back). Any thread. */
    boolean show(Popup popup);

    /** What the user asks of a popup. */
    enum Action {
        /** A click on the popup, or its Open: open the window at the notification. */
        OPEN,
        /** Its Mark read (on a summary, Mark all read). */
        MARK_READ
    }

    /**
     * Called (on a thread of the sink's choosing) when the user clicks a popup or one of its buttons: with what they
     * asked and the popup's notificationId, or null for a summary. A sink without buttons only ever says OPEN.
     */
    void onAction(BiConsumer<Action, String> handler);

    /** Whether a popup with {@link Popup#sound} makes the desktop play its sound (else Belfry plays its own). */
    default boolean playsSounds() {
        return false;
    }

    /** What this sink is, for the log and the settings: "D-Bus (dunst 1.9.0)". */
    String name();

    /** Stops showing popups and lets go of every resource; the sink leaves no thread behind. */
    @Override
    void close();
}

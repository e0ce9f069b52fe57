package app.belfry.desktop;

import app.belfry.model.Preferences;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import app.belfry.store.NotificationStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;

/**
 * Popups for new notifications, by {@link PopupPolicy}'s rules, through the first sink that works. Lives on the FX
 * thread; showing a popup (a D-Bus call) happens on its own thread, {@code belfry-popups}.
 */
public final class DesktopIntegration implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DesktopIntegration.class.getName());

    private final NotificationStore store;
    private final ObservableBooleanValue windowFocused;
    private final List<PopupSink> sinks;
    private final Consumer<String> openOnFx;
    private final java.util.concurrent.Executor fxThread;
    private final PopupPolicy policy;
    private final Supplier<Preferences> preferences;
    private final ExecutorService popups = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "belfry-popups");
        thread.setDaemon(true);
        return thread;
    });
    private final PauseTransition burstTimer = new PauseTransition();
    private final Chime chime = new Chime();

    /**
     * @param sinks tried in order until one shows the popup
     * @param preferences the user's choices (do-not-disturb, quiet hours, rules per type), asked at each arrival
     * @param open called on the FX thread when a popup is clicked, with the notification's id or null
     * @param fxThread where activations from the sinks' threads come back
     */
    public DesktopIntegration(NotificationStore store, ObservableBooleanValue windowFocused, List<PopupSink> sinks,
            Supplier<Preferences> preferences, Consumer<String> open, java.util.concurrent.Executor fxThread) {
        this.store = store;
        this.windowFocused = windowFocused;
        this.sinks = new java.util.concurrent.CopyOnWriteArrayList<>(sinks);
        this.openOnFx = open;
        this.fxThread = fxThread;
        this.preferences = preferences;
        this.policy = new PopupPolicy(Clock.systemUTC(), ZoneId.systemDefault());
        for (PopupSink sink : this.sinks) {
            sink.onAction((action, id) -> fxThread.execute(() -> act(action, id)));
        }
        store.notifications().addListener((ListChangeListener<Notification>) this::onChange);
        store.connectedProperty().addListener((o, was, is) -> {
            if (is) {
                policy.onConnected();
            }
        });
        if (store.connectedProperty().get()) {
            policy.onConnected();
        }
        burstTimer.setOnFinished(e -> show(policy.onTick()));
        LOG.log(Level.INFO, "Popups through {0}", this.sinks.isEmpty() ? "nothing" : this.sinks.get(0).name());
    }

    /** Puts a sink first (the desktop's notification service, once it has answered). Any thread. */
    public void prefer(PopupSink sink) {
        sink.onAction((action, id) -> fxThread.execute(() -> act(action, id)));
        sinks.add(0, sink);
        LOG.log(Level.INFO, "Popups through {0}", sink.name());
    }

    /**
     * FX thread: what a popup's click or button asks. Mark read goes the way a click in the list goes (optimistic,
     * through the outbox); on a summary it is Mark all read.
     */
    private void act(PopupSink.Action action, String notificationId) {
        if (action == PopupSink.Action.MARK_READ) {
            if (notificationId == null) {
                store.markAllAsRead();
            } else {
                store.markAsRead(notificationId);
            }
        } else {
            openOnFx.accept(notificationId);
        }
    }

    private void onChange(ListChangeListener.Change<? extends Notification> change) {
        List<Notification> arrived = new ArrayList<>();
        while (change.next()) {
            if (change.wasAdded() && !change.wasReplaced()) {
                List<? extends Notification> added = change.getAddedSubList();
                for (int i = added.size() - 1; i >= 0; i--) { // oldest first, as they came
                    arrived.add(added.get(i));
                }
            }
        }
        if (arrived.isEmpty()) {
            return;
        }
        PopupPolicy.Context context = PopupPolicy.Context.of(windowFocused.get(), preferences.get());
        show(policy.onArrivals(arrived, context), policy.soundFor(arrived, context));
        policy.nextDeadline().ifPresent(deadline -> {
            if (burstTimer.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                long millis = Math.max(1, Duration.between(Clock.systemUTC().instant(), deadline).toMillis());
                burstTimer.setDuration(javafx.util.Duration.millis(millis));
                burstTimer.playFromStart();
            }
        });
    }

    private void show(List<Popup> toShow) {
        show(toShow, false);
    }

    /**
     * Shows the popups, in order, each through the first sink that takes it; with {@code sound}, one sound for the
     * lot: the desktop's, carried by the first popup whose sink plays sounds, else Belfry's own chime.
     */
    private void show(List<Popup> toShow, boolean sound) {
        if (toShow.isEmpty() && !sound) {
            return;
        }
        popups.execute(() -> {
            boolean sounded = false;
            for (Popup popup : toShow) {
                boolean shown = false;
                for (PopupSink sink : sinks) {
                    Popup asked = sound && !sounded && sink.playsSounds() ? popup.withSound() : popup;
                    if (sink.show(asked)) {
                        sounded |= asked.sound();
                        shown = true;
                        break;
                    }
                }
                if (!shown) {
                    LOG.log(Level.DEBUG, "No sink showed a popup");
                }
            }
            if (sound && !sounded) {
                chime.play();
            }
        });
    }

    @Override
    public void close() {
        burstTimer.stop();
        popups.shutdown();
        sinks.forEach(PopupSink::close);
    }
}

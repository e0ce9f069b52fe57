package app.belfry.store;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationStoreTest {

    /** The store's thread, played by the test: tasks wait here until {@link #runAll}, so their order is the test's. */
    private final List<Runnable> storeTasks = new ArrayList<>();
    private final NotificationStore store = new NotificationStore(storeTasks::add, 50);

    private void runAll() {
        while (!storeTasks.isEmpty()) {
            storeTasks.remove(0).run();
        }
    }

    private static Notification unread(String id) {
        return new Notification(id, NotificationType.INFO, "Title " + id, "", Instant.parse("2026-11-26T08:00:00Z"),
                false);
    }

    private List<String> ids() {
        return store.notifications().stream().map(Notification::id).toList();
    }

    @Test
    void forgettingASessionDropsWhatItHandedOverButNoRunApplied() {
        store.onNotification(unread("applied"));
        runAll();
        store.onNotification(unread("in-flight")); // the old socket's last notification: its run is still to come
        assertThat(storeTasks).hasSize(1);

        store.forgetSession(); // sign-out, on the store's thread, before that run
        runAll();

        assertThat(ids()).isEmpty();
        assertThat(store.unreadCount()).isZero();
    }

    @Test
    void clearingKeepsWhatIsOnItsWay() {
        store.onNotification(unread("applied"));
        runAll();
        store.onNotification(unread("just-arrived"));

        store.clearNotifications(); // the guide's clear: a notification on its way still shows
        runAll();

        assertThat(ids()).containsExactly("just-arrived");
        assertThat(store.unreadCount()).isEqualTo(1);
    }

    @Test
    void theNextSessionCatchesUpOnEverythingNotOnlyOnWhatIsNewerThanTheOldOnesLast() {
        store.onNotification(unread("old-session"));
        runAll();
        assertThat(store.newestCreatedAt()).isPresent();

        store.forgetSession();
        runAll();

        assertThat(store.newestCreatedAt()).isEmpty(); // auth.since falls back to "everything unread"
    }
}

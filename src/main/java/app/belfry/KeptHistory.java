package app.belfry;

import app.belfry.model.Notification;
import app.belfry.persist.Loaded;
import app.belfry.persist.Persistence;
import app.belfry.store.NotificationStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.collections.ListChangeListener;

/** The store's list, kept on disk: restored before connecting, saved (debounced) on every change. */
final class KeptHistory {

    private KeptHistory() {
    }

    /** On the store's thread: restores what was kept, then saves each change. Problems go to the persistence. */
    static void attach(Persistence files, NotificationStore store) {
        Loaded<List<Notification>> history = files.history().load();
        files.report(history.problem());
        List<Notification> oldestFirst = new ArrayList<>(history.value());
        Collections.reverse(oldestFirst);
        store.restore(oldestFirst);
        store.notifications().addListener((ListChangeListener<Notification>) change -> {
            List<Notification> snapshot = List.copyOf(store.notifications());
            files.worker().schedule("history", () -> files.history().save(snapshot));
        });
    }
}

package app.belfry.store;

import app.belfry.model.Notification;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The store's list, newest first. Its mutators are the store's own and each fires exactly one change, whatever
 * its size: prepending a batch and trimming the tail is one change, and costs one array shift, not one per item.
 * (FXCollections' list adds a batch one element at a time.)
 */
final class NotificationList extends ObservableListBase<Notification> {

    private final ArrayList<Notification> items = new ArrayList<>();

    @Override
    public Notification get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /** Puts {@code newestFirst} on top and cuts the list to {@code max}; returns what fell off the end. */
    List<Notification> prependAndTrim(List<Notification> newestFirst, int max) {
        List<Notification> evicted = List.of();
        beginChange();
        try {
            if (!newestFirst.isEmpty()) {
                items.addAll(0, newestFirst);
                nextAdd(0, newestFirst.size());
            }
            if (items.size() > max) {
                List<Notification> tail = items.subList(max, items.size());
                evicted = new ArrayList<>(tail);
                tail.clear();
                nextRemove(max, evicted);
            }
        } finally {
            endChange();
        }
        return evicted;
    }

    /** Replaces one element in place. */
    void replace(int index, Notification next) {
        beginChange();
        try {
            Notification old = items.set(index, next);
            nextSet(index, old);
        } finally {
            endChange();
        }
    }

    /** Replaces everything, as one change. */
    void replaceAll(List<Notification> next) {
        beginChange();
        try {
            List<Notification> old = new ArrayList<>(items);
            items.clear();
            items.addAll(next);
            nextReplace(0, items.size(), old);
        } finally {
            endChange();
        }
    }

    void removeAll() {
        if (items.isEmpty()) {
            return;
        }
        replaceAll(List.of());
    }
}

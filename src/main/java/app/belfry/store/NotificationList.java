package app.belfry.store;

import app.belfry.model.Notification;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The store's list, newest first. Its mutators are the store's own, and every change event it fires has exactly
 * one sub-change, after which the list is never longer than before or after the mutation.
 *
 * <p>Why one sub-change: the contract of {@link javafx.collections.ListChangeListener.Change} allows several, each
 * indexed against the list as the ones before it left it, but JavaFX 17's transformation lists do not replay them
 * correctly. A batch at the cap used to be one change of two sub-changes, "added at 0" then "removed at the cap";
 * replaying it passes through a list longer than the cap, and {@code FilteredList} (JDK-8195750) sizes its index
 * array for the source's final size only, so it threw {@code ArrayIndexOutOfBoundsException} and kept stale rows;
 * {@code SortedList} read past the source's end. So a batch at the cap is two changes, the trim of the tail first,
 * then the batch on top; each costs the views what that part costs. New rows are never reported as a replacement: a
 * replacement means the same ids in place with new contents, which is what listeners (popups, headless output)
 * rely on. (FXCollections' own list would fire one change per item.)
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

    /** Puts {@code newestFirst} (at most {@code max}) on top and cuts the list to {@code max}; returns what fell off. */
    List<Notification> prependAndTrim(List<Notification> newestFirst, int max) {
        if (newestFirst.size() > max) {
            throw new IllegalArgumentException(newestFirst.size() + " new ones do not fit in " + max);
        }
        if (newestFirst.isEmpty()) {
            return List.of();
        }
        int overflow = Math.min(items.size(), items.size() + newestFirst.size() - max);
        List<Notification> evicted = List.of();
        if (overflow > 0) {
            List<Notification> tail = items.subList(items.size() - overflow, items.size());
            evicted = new ArrayList<>(tail);
            beginChange();
            try {
                tail.clear();
                nextRemove(items.size(), evicted);
            } finally {
                endChange();
            }
        }
        beginChange();
        try {
            items.addAll(0, newestFirst);
            nextAdd(0, newestFirst.size());
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

    /** Removes {@code [from, to)}, as one change; returns what was there. */
    List<Notification> cut(int from, int to) {
        beginChange();
        try {
            List<Notification> removed = new ArrayList<>(items.subList(from, to));
            items.subList(from, to).clear();
            nextRemove(from, removed);
            return removed;
        } finally {
            endChange();
        }
    }

    /** Inserts {@code run} at {@code index}, as one change. */
    void insertAll(int index, List<Notification> run) {
        beginChange();
        try {
            items.addAll(index, run);
            nextAdd(index, index + run.size());
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

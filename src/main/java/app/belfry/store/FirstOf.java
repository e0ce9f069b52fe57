package app.belfry.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.TransformationList;

/**
 * The first {@code limit} elements of a list, as a list that follows it: the dropdown shows the newest hundred of
 * the thousands Belfry keeps. Elements are compared by identity (the store replaces a notification that changes).
 *
 * <p>Like {@link NotificationList}, every change it fires has one sub-change, so that any JavaFX view may be stacked
 * on it (JDK-8195750): arrivals on top fire the removal of what falls off the end, then the addition; an element
 * changed in place fires a replacement of the same ids; anything else, a removal and then an addition. Work per
 * change is proportional to {@code limit}, not to the source's length.
 */
public final class FirstOf<E> extends TransformationList<E, E> {

    private final int limit;
    private final Function<? super E, ?> key;
    private List<E> shown;

    /** @param key what stays the same when an element changes (a notification's id) */
    public FirstOf(ObservableList<? extends E> source, int limit, Function<? super E, ?> key) {
        super(source);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.key = key;
        this.shown = firstOfSource();
    }

    private List<E> firstOfSource() {
        List<? extends E> source = getSource();
        return new ArrayList<>(source.subList(0, Math.min(limit, source.size())));
    }

    @Override
    protected void sourceChanged(ListChangeListener.Change<? extends E> change) {
        List<E> before = shown;
        List<E> after = firstOfSource();
        int prefix = 0;
        while (prefix < before.size() && prefix < after.size() && before.get(prefix) == after.get(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < before.size() - prefix && suffix < after.size() - prefix
                && before.get(before.size() - 1 - suffix) == after.get(after.size() - 1 - suffix)) {
            suffix++;
        }
        if (prefix == before.size() && prefix == after.size()) {
            return; // nothing of the first ones changed
        }
        int from = prefix;
        List<E> removed = new ArrayList<>(before.subList(from, before.size() - suffix));
        int addedTo = after.size() - suffix;
        if (removed.size() == addedTo - prefix && sameElementsChanged(removed, after.subList(prefix, addedTo))) {
            shown = after;
            fire(() -> nextReplace(from, addedTo, removed));
            return;
        }
        int shift = prefix == 0 && !before.isEmpty() ? indexOf(after, before.get(0)) : -1;
        if (shift > 0 && startsWith(before, after.subList(shift, after.size()))) {
            // Arrivals on top: what falls off the end goes first, then the new ones come in at the top.
            int kept = after.size() - shift;
            List<E> fallen = new ArrayList<>(before.subList(kept, before.size()));
            shown = new ArrayList<>(before.subList(0, kept));
            if (!fallen.isEmpty()) {
                fire(() -> nextRemove(kept, fallen));
            }
            shown = after;
            fire(() -> nextAdd(0, shift));
            return;
        }
        shown = new ArrayList<>(before.subList(0, prefix));
        shown.addAll(before.subList(before.size() - suffix, before.size()));
        if (!removed.isEmpty()) {
            fire(() -> nextRemove(from, removed));
        }
        shown = after;
        if (addedTo > prefix) {
            fire(() -> nextAdd(from, addedTo));
        }
    }

    /** A change in place: new versions of the same elements (by {@link #key}), in the same order. */
    private boolean sameElementsChanged(List<E> removed, List<E> added) {
        for (int i = 0; i < removed.size(); i++) {
            if (!key.apply(removed.get(i)).equals(key.apply(added.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static <E> int indexOf(List<E> list, E element) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == element) {
                return i;
            }
        }
        return -1;
    }

    private static <E> boolean startsWith(List<E> list, List<E> head) {
        if (head.size() > list.size()) {
            return false;
        }
        for (int i = 0; i < head.size(); i++) {
            if (list.get(i) != head.get(i)) {
                return false;
            }
        }
        return true;
    }

    private void fire(Runnable subChange) {
        beginChange();
        subChange.run();
        endChange();
    }

    @Override
    public E get(int index) {
        return shown.get(index);
    }

    @Override
    public int size() {
        return shown.size();
    }

    @Override
    public int getSourceIndex(int index) {
        if (index < 0 || index >= shown.size()) {
            throw new IndexOutOfBoundsException(index);
        }
        return index;
    }

    @Override
    public int getViewIndex(int index) {
        return index < shown.size() ? index : -1;
    }
}

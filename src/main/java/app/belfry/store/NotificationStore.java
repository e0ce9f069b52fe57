package app.belfry.store;

import app.belfry.model.ConnectionState;
import app.belfry.model.Notification;
import app.belfry.model.SocketError;
import app.belfry.model.ConnectionStatus;
import app.belfry.net.NotificationActions;
import app.belfry.net.NotificationEvents;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The one owner of notification state: the guide's {@code NotificationsProvider}. Read-only observable values
 * for views to bind, command methods for them to call.
 *
 * <p>Thread confinement: every property and the list change only on the store's thread (the FX thread in the app,
 * a single-thread executor headless and in tests), and commands must be called there. Socket events arrive on
 * another thread and cross through one {@link Inbox}.
 *
 * <p>Beyond the guide: an id already held is replaced, never shown twice; the unread count is kept as changes
 * happen, not recounted; a read the server refuses is rolled back and the error shown; mark-all sends batches.
 */
public final class NotificationStore implements NotificationEvents {

    private static final System.Logger LOG = System.getLogger(NotificationStore.class.getName());
    public static final int DEFAULT_MAX_NOTIFICATIONS = 50;

    /** What crosses the inbox. */
    private sealed interface Inbound {
    }

    private record Arrived(Notification notification) implements Inbound {
    }

    private record Updated(Notification notification) implements Inbound {
    }

    private record ServerError(SocketError error) implements Inbound {
    }

    private record StatusChanged(ConnectionStatus status) implements Inbound {
    }

    private record ReadsRefused(Set<String> ids) implements Inbound {
    }

    private record Notice(String text) implements Inbound {
    }

    private final int maxNotifications;
    private final Inbox<Inbound> inbox;
    private NotificationActions actions = NotificationActions.NONE;

    private final NotificationList list = new NotificationList();
    private final ObservableList<Notification> readOnlyList = FXCollections.unmodifiableObservableList(list);
    private final Map<String, Notification> byId = new HashMap<>();
    private final ReadOnlyIntegerWrapper unreadCount = new ReadOnlyIntegerWrapper(this, "unreadCount");
    private final ReadOnlyObjectWrapper<ConnectionStatus> status = new ReadOnlyObjectWrapper<>(this, "status",
            ConnectionStatus.initial(0));
    private final ReadOnlyObjectWrapper<ConnectionState> connectionState = new ReadOnlyObjectWrapper<>(this,
            "connectionState", ConnectionState.DISCONNECTED);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(this, "connected");
    private final ReadOnlyBooleanWrapper authRequired = new ReadOnlyBooleanWrapper(this, "authRequired");
    private final ReadOnlyObjectWrapper<SocketError> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final javafx.beans.property.ReadOnlyStringWrapper notice =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "notice");
    private volatile Instant newestCreatedAt;
    /** Ids cleared here, oldest first; a list change follows every change of it (views save both together). */
    private final Set<String> cleared = new java.util.LinkedHashSet<>();
    private ClearedRuns lastCleared;
    private long clearedVersion;
    /** Notifications put on top so far: an undo puts a cleared run back below those that came since. */
    private long arrivals;
    /** Cleared ids kept at most (the oldest go first): far more than a catch-up brings. */
    public static final int MAX_CLEARED_IDS = 20_000;

    /**
     * @param storeThread runs the store's work; its tasks must run one at a time, in order
     * @param maxNotifications how many notifications the list keeps (the guide's {@code maxNotifications})
     */
    public NotificationStore(Executor storeThread, int maxNotifications) {
        this(storeThread, maxNotifications, Inbox.DEFAULT_MIN_INTERVAL_NANOS);
    }

    /** For tests: with {@code inboxMinIntervalNanos} 0 every post hands a run to the store's thread at once. */
    NotificationStore(Executor storeThread, int maxNotifications, long inboxMinIntervalNanos) {
        if (maxNotifications < 1) {
            throw new IllegalArgumentException("maxNotifications must be at least 1");
        }
        this.maxNotifications = maxNotifications;
        this.inbox = new Inbox<>(Objects.requireNonNull(storeThread), inboxMinIntervalNanos, this::apply);
    }

    /** Where commands go; set once the service exists (it needs the store as its receiver first). */
    public void bind(NotificationActions value) {
        this.actions = Objects.requireNonNull(value);
    }

    // ---- state, for views to bind (store thread)

    /** Newest first, at most {@link #maxNotifications()} long. */
    public ObservableList<Notification> notifications() {
        return readOnlyList;
    }

    public ReadOnlyIntegerProperty unreadCountProperty() {
        return unreadCount.getReadOnlyProperty();
    }

    public int unreadCount() {
        return unreadCount.get();
    }

    public ReadOnlyObjectProperty<ConnectionStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionStateProperty() {
        return connectionState.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public boolean isConnectedNow() {
        return connected.get();
    }

    /** True when the server refused the session: sign-in is needed. */
    public ReadOnlyBooleanProperty authRequiredProperty() {
        return authRequired.getReadOnlyProperty();
    }

    /** The last connection or server error (the guide's {@code connectionError || socketError}), or null. */
    public ReadOnlyObjectProperty<SocketError> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A message for the user that is not about the connection (a data file set aside), or null. */
    public javafx.beans.property.ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Shows a notice; any thread. */
    public void postNotice(String text) {
        inbox.post(new Notice(text));
    }

    /** The notice was read. */
    public void dismissNotice() {
        notice.set(null);
    }

    public int maxNotifications() {
        return maxNotifications;
    }

    /** The newest {@code createdAt} held, for catch-up. Any thread. */
    public Optional<Instant> newestCreatedAt() {
        return Optional.ofNullable(newestCreatedAt);
    }

    // ---- commands (store thread)

    /** Optimistic: read at once here, then sent; rolled back if the server refuses. */
    public void markAsRead(String notificationId) {
        Notification held = byId.get(notificationId);
        if (held == null || held.read()) {
            return;
        }
        replace(held, held.withRead(true));
        actions.markRead(List.of(notificationId)).thenAccept(this::onReadsAnswered);
    }

    /** Optimistic for every unread one; sent as batches of at most 100 ids, never one event per notification. */
    public void markAllAsRead() {
        List<String> ids = new ArrayList<>();
        List<Notification> next = new ArrayList<>(list.size());
        for (Notification n : list) {
            if (!n.read()) {
                ids.add(n.id());
                Notification read = n.withRead(true);
                byId.put(read.id(), read);
                next.add(read);
            } else {
                next.add(n);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        list.replaceAll(next);
        unreadCount.set(0);
        actions.markRead(ids).thenAccept(this::onReadsAnswered);
    }

    /**
     * For sign-out, once the old socket is torn down: empties the list like {@link #clearNotifications}, drops the
     * notifications it had handed over that no run has applied yet, so none is left for the next user, and forgets
     * the newest {@code createdAt}, so the next session catches up on everything unread instead of only what is
     * newer than the old session's last notification.
     */
    public void forgetSession() {
        // Everything of the old socket's still on its way: notifications, its status, its errors and refusals.
        inbox.discardIf(event -> !(event instanceof Notice));
        clearNotifications();
        cleared.clear(); // the next session's own come with its history
        lastCleared = null;
        newestCreatedAt = null; // the next session's catch-up must not start at the old one's newest
    }

    // ---- clearing (Belfry's own: the guide's backend has no delete)

    /** What one clear removed, for {@link #undoClear}: runs of neighbours, with where each run was. */
    private record ClearedRuns(List<Integer> at, List<List<Notification>> runs, long arrivalsBefore) {
    }

    /** Clears one notification here; it stays cleared (see {@link #clearedIds}). Returns how many were cleared. */
    public int clear(String notificationId) {
        return clearWhere(n -> n.id().equals(notificationId));
    }

    /** Clears every read notification kept. */
    public int clearRead() {
        return clearWhere(Notification::read);
    }

    /** Clears every notification kept. */
    public int clearAll() {
        return clearWhere(n -> true);
    }

    private int clearWhere(java.util.function.Predicate<Notification> which) {
        List<Integer> at = new ArrayList<>();
        List<List<Notification>> runs = new ArrayList<>();
        // From the end, so that the indices before a run stay what they were; each run is one change.
        int i = list.size() - 1;
        int count = 0;
        while (i >= 0) {
            if (!which.test(list.get(i))) {
                i--;
                continue;
            }
            int to = i + 1;
            while (i >= 0 && which.test(list.get(i))) {
                i--;
            }
            clearedVersion++;
            for (int k = i + 1; k < to; k++) {
                cleared.add(list.get(k).id()); // before the change, so that its listeners see them cleared
            }
            List<Notification> run = list.cut(i + 1, to);
            at.add(0, i + 1);
            runs.add(0, run);
            for (Notification n : run) {
                byId.remove(n.id());
                unreadCount.set(unreadCount.get() - (n.read() ? 0 : 1));
            }
            count += run.size();
        }
        if (count == 0) {
            return 0;
        }
        while (cleared.size() > MAX_CLEARED_IDS) {
            cleared.remove(cleared.iterator().next()); // the oldest cleared first
        }
        lastCleared = new ClearedRuns(at, runs, arrivals);
        return count;
    }

    /**
     * Brings back what the last clear removed, where it was (below what arrived since), while it can still be undone
     * (until the next clear or {@link #forgetUndo}). Returns how many came back.
     */
    public int undoClear() {
        ClearedRuns last = lastCleared;
        lastCleared = null;
        if (last == null) {
            return 0;
        }
        int shift = (int) Math.min(Integer.MAX_VALUE, arrivals - last.arrivalsBefore());
        int back = 0;
        for (int r = 0; r < last.runs().size(); r++) {
            List<Notification> run = new ArrayList<>();
            for (Notification n : last.runs().get(r)) {
                if (!byId.containsKey(n.id())) {
                    run.add(n);
                }
            }
            if (run.isEmpty()) {
                continue;
            }
            clearedVersion++;
            run.forEach(n -> cleared.remove(n.id()));
            list.insertAll(Math.min(list.size(), last.at().get(r) + shift), run);
            for (Notification n : run) {
                byId.put(n.id(), n);
                unreadCount.set(unreadCount.get() + (n.read() ? 0 : 1));
            }
            back += run.size();
        }
        if (list.size() > maxNotifications) {
            for (Notification n : list.cut(maxNotifications, list.size())) { // what came since stays on top
                byId.remove(n.id());
                unreadCount.set(unreadCount.get() - (n.read() ? 0 : 1));
            }
        }
        return back;
    }

    /** The last clear can no longer be undone (its Undo has gone). */
    public void forgetUndo() {
        lastCleared = null;
    }

    /** Whether {@link #undoClear} would bring something back. */
    public boolean canUndoClear() {
        return lastCleared != null;
    }

    /**
     * The ids cleared here, oldest first (at most {@link #MAX_CLEARED_IDS}): neither the catch-up nor a repeat of one
     * brings it back, and an update to one is ignored. A session's own, kept with its history.
     */
    public Set<String> clearedIds() {
        return java.util.Collections.unmodifiableSet(cleared);
    }

    /** Changes with every clear and undo (before the list change that goes with it): for saving the ids. */
    public long clearedVersion() {
        return clearedVersion;
    }

    /** Empties the list here (the server keeps its own): the guide's clear. */
    public void clearNotifications() {
        list.removeAll();
        byId.clear();
        unreadCount.set(0);
    }

    public void retry() {
        actions.retry();
    }

    /** Shows notifications known before connecting (history from disk), oldest first. */
    public void restore(List<Notification> oldestFirst) {
        restore(oldestFirst, List.of());
    }

    /** The same, with the ids cleared before (oldest first), which stay cleared. */
    public void restore(List<Notification> oldestFirst, java.util.Collection<String> clearedBefore) {
        cleared.addAll(clearedBefore);
        apply(oldestFirst.stream().<Inbound>map(Arrived::new).toList());
    }

    // ---- inbound (socket thread): everything crosses the inbox

    @Override
    public void onNotification(Notification notification) {
        inbox.post(new Arrived(notification));
    }

    @Override
    public void onNotificationUpdated(Notification notification) {
        inbox.post(new Updated(notification));
    }

    @Override
    public void onError(SocketError socketError) {
        inbox.post(new ServerError(socketError));
    }

    @Override
    public void onStatus(ConnectionStatus connectionStatus) {
        inbox.post(new StatusChanged(connectionStatus));
    }

    private void onReadsAnswered(Set<String> refused) {
        if (!refused.isEmpty()) {
            inbox.post(new ReadsRefused(refused));
        }
    }

    // ---- applying a batch (store thread)

    private void apply(List<Inbound> batch) {
        Map<String, Notification> arrived = new LinkedHashMap<>();
        for (Inbound event : batch) {
            if (event instanceof Arrived a) {
                arrived.remove(a.notification().id()); // a later copy in the same batch moves to the top
                arrived.put(a.notification().id(), a.notification());
                continue;
            }
            addArrived(arrived);
            if (event instanceof Updated u) {
                Notification held = byId.get(u.notification().id());
                if (held != null) {
                    replace(held, u.notification());
                }
            } else if (event instanceof ServerError e) {
                LOG.log(Level.WARNING, "Server error {0}: {1}", e.error().code(), e.error().message());
                error.set(e.error());
            } else if (event instanceof StatusChanged s) {
                applyStatus(s.status());
            } else if (event instanceof ReadsRefused r) {
                rollBack(r.ids());
            } else if (event instanceof Notice n) {
                notice.set(n.text());
            }
        }
        addArrived(arrived);
    }

    /** Adds a run of arrivals as one list change (plus one per id already held), whatever its length. */
    private void addArrived(Map<String, Notification> arrived) {
        if (arrived.isEmpty()) {
            return;
        }
        List<Notification> fresh = new ArrayList<>(Math.min(arrived.size(), maxNotifications));
        Instant newest = newestCreatedAt;
        for (Notification n : arrived.values()) {
            if (newest == null || n.createdAt().isAfter(newest)) {
                newest = n.createdAt();
            }
            if (cleared.contains(n.id())) {
                continue; // cleared here: the catch-up or a repeat does not bring it back
            }
            Notification held = byId.get(n.id());
            if (held != null) {
                replace(held, n); // never a second row for one id
            } else {
                fresh.add(n);
            }
        }
        arrived.clear();
        newestCreatedAt = newest;
        if (fresh.isEmpty()) {
            return;
        }
        int keep = Math.min(fresh.size(), maxNotifications);
        List<Notification> top = new ArrayList<>(keep);
        int unreadAdded = 0;
        for (int i = fresh.size() - 1; i >= fresh.size() - keep; i--) { // newest first
            Notification n = fresh.get(i);
            top.add(n);
            byId.put(n.id(), n);
            unreadAdded += n.read() ? 0 : 1;
        }
        int unreadEvicted = 0;
        arrivals += top.size();
        for (Notification n : list.prependAndTrim(top, maxNotifications)) {
            byId.remove(n.id());
            unreadEvicted += n.read() ? 0 : 1;
        }
        unreadCount.set(unreadCount.get() + unreadAdded - unreadEvicted);
    }

    private void replace(Notification held, Notification next) {
        int index = indexOf(held.id());
        if (index < 0) {
            return;
        }
        byId.put(next.id(), next);
        list.replace(index, next); // the list first, then the count: a listener of the count sees the row too
        if (held.read() != next.read()) {
            unreadCount.set(unreadCount.get() + (next.read() ? -1 : 1));
        }
    }

    private int indexOf(String id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private void rollBack(Set<String> refusedIds) {
        int rolledBack = 0;
        for (String id : refusedIds) {
            Notification held = byId.get(id);
            if (held != null && held.read()) {
                replace(held, held.withRead(false));
                rolledBack++;
            }
        }
        if (rolledBack > 0) {
            LOG.log(Level.WARNING, "The server refused to mark {0} notification(s) read; they are unread again",
                    rolledBack);
            error.set(new SocketError(rolledBack == 1 ? "The server refused to mark a notification as read"
                    : "The server refused to mark " + rolledBack + " notifications as read", null));
        }
    }

    private void applyStatus(ConnectionStatus next) {
        status.set(next);
        connectionState.set(next.state());
        connected.set(next.connected());
        authRequired.set(next.authRequired());
        if (next.connected()) {
            error.set(null);
        } else if (next.error() != null) {
            error.set(next.error());
        }
    }
}

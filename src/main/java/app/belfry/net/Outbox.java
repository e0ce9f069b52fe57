package app.belfry.net;

import app.belfry.model.PendingAction;
import app.belfry.model.ActionJournal;
import app.belfry.model.Events;
import app.belfry.model.NotificationCodec;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * The ordered queue of outgoing actions: nothing is dropped while offline, nothing goes faster than the server's
 * rate limit, and a read action leaves the queue (and the journal) only when the server has answered it, or has
 * kept silent over a live connection (a backend whose {@code mark:read} has no ack).
 *
 * <p>Confined to socket.io's event thread, like the connection it sends through.
 */
final class Outbox {

    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    /** One action and who waits for its outcome. */
    private static final class Entry {
        final long seq;
        final PendingAction action;
        final CompletableFuture<Set<String>> refused; // for read actions: the ids the server refused

        Entry(long seq, PendingAction action, CompletableFuture<Set<String>> refused) {
            this.seq = seq;
            this.action = action;
            this.refused = refused;
        }
    }

    private final SocketConnection connection;
    private final NotificationCodec codec;
    private final ActionJournal journal;
    private final Pacer pacer;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private final Map<Long, Entry> inFlight = new LinkedHashMap<>();
    private final Map<String, List<CompletableFuture<Boolean>>> subscribeWaiters = new LinkedHashMap<>();
    private long nextSeq;
    /** When the server last said RATE_LIMITED; a refusal that follows it at once is about the rate, not the id. */
    private long rateLimitedAt = Long.MIN_VALUE;
    private boolean batchUnsupported;
    private ScheduledFuture<?> wake;

    Outbox(SocketConnection connection, NotificationCodec codec, ActionJournal journal, LongSupplier nanoClock) {
        this.connection = connection;
        this.codec = codec;
        this.journal = journal;
        this.nanoClock = nanoClock;
        ConnectionOptions options = connection.options();
        this.pacer = new Pacer(options.rateLimitPerMinute(), TimeUnit.MILLISECONDS.toNanos(options.rateWindowMillis()));
        for (PendingAction action : journal.load()) {
            if (action.durable()) {
                waiting.addLast(new Entry(nextSeq++, action, new CompletableFuture<>()));
            }
        }
        if (!waiting.isEmpty()) {
            LOG.log(Level.INFO, "{0} read actions from the last run wait to be sent", waiting.size());
        }
    }

    /**
     * Queues a read action; {@code refused} completes with the ids the server refused. Returns when the journal
     * holding it is on disk.
     */
    CompletableFuture<Void> submitRead(PendingAction action, CompletableFuture<Set<String>> refused) {
        waiting.addLast(new Entry(nextSeq++, action, refused));
        CompletableFuture<Void> kept = saveJournal();
        drain();
        return kept;
    }

    /** Queues a channel action for the current connection (nothing is queued while offline: see onConnected). */
    void submitChannel(PendingAction action) {
        if (connection.isConnected()) {
            waiting.addLast(new Entry(nextSeq++, action, null));
            drain();
        }
    }

    void awaitSubscribe(String channel, CompletableFuture<Boolean> answer) {
        subscribeWaiters.computeIfAbsent(channel, c -> new ArrayList<>()).add(answer);
    }

    void cancelSubscribeWaiters(String channel) {
        List<CompletableFuture<Boolean>> waiters = subscribeWaiters.remove(channel);
        if (waiters != null) {
            waiters.forEach(w -> w.complete(false));
        }
    }

    /** A new connection: a new window on the server, batch support to find out again, channels to join first. */
    void onConnected(Set<String> channels) {
        pacer.reset();
        batchUnsupported = false;
        waiting.removeIf(entry -> !entry.action.durable()); // channel actions of an earlier connection
        List<String> reversed = new ArrayList<>(channels);
        for (int i = reversed.size() - 1; i >= 0; i--) {
            waiting.addFirst(new Entry(nextSeq++, new PendingAction.Subscribe(reversed.get(i)), null));
        }
        drain();
    }

    /** Number of read actions not yet delivered, in the queue or on the wire. */
    int pendingReads() {
        int count = 0;
        for (Entry entry : waiting) {
            count += entry.action.durable() ? 1 : 0;
        }
        for (Entry entry : inFlight.values()) {
            count += entry.action.durable() ? 1 : 0;
        }
        return count;
    }

    private void drain() {
        while (connection.isConnected() && !waiting.isEmpty()) {
            long now = nanoClock.getAsLong();
            long delay = pacer.delayNanos(now);
            if (delay > 0) {
                scheduleWake(delay);
                return;
            }
            Entry entry = waiting.pollFirst();
            if (entry.action instanceof PendingAction.MarkReadBatch batch && batchUnsupported) {
                splitIntoSingles(entry, batch);
                continue;
            }
            pacer.record(now);
            send(entry);
        }
    }

    private void scheduleWake(long delayNanos) {
        if (wake != null) {
            return; // a wake is on its way (its future may not say done yet while its drain already runs)
        }
        wake = connection.schedule(() -> {
            wake = null;
            drain();
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void send(Entry entry) {
        PendingAction action = entry.action;
        boolean sent;
        if (action instanceof PendingAction.Unsubscribe unsubscribe) {
            sent = connection.emit(Events.UNSUBSCRIBE_CHANNEL, payload("channel", unsubscribe.channel()));
            if (!sent) {
                waiting.addFirst(entry);
            }
            return;
        }
        inFlight.put(entry.seq, entry);
        sent = connection.emitWithAck(eventName(action), payload(action),
                args -> answered(entry, args), () -> unanswered(entry));
        if (!sent) {
            inFlight.remove(entry.seq);
            waiting.addFirst(entry);
        }
    }

    private void answered(Entry entry, Object[] args) {
        if (inFlight.remove(entry.seq) == null) {
            return; // answered after it was given up on and re-queued: the re-sent one decides
        }
        NotificationCodec.Ack ack = codec.decodeAck(args);
        if (!ack.success() && entry.action.durable() && recentlyRateLimited()) {
            // Refused for the rate (pacing cannot foresee every server): not a refusal of the read. Wait a window.
            LOG.log(Level.WARNING, "The server rate-limited a read; it waits and goes again");
            requeueInOrder(entry);
            pacer.backOff(nanoClock.getAsLong());
            saveJournal();
            drain();
            return;
        }
        if (entry.action instanceof PendingAction.MarkRead read) {
            entry.refused.complete(ack.success() ? Set.of() : Set.of(read.notificationId()));
        } else if (entry.action instanceof PendingAction.MarkReadBatch batch) {
            Set<String> refused = new HashSet<>(batch.notificationIds());
            if (ack.success()) {
                ack.updated().forEach(refused::remove);
            }
            entry.refused.complete(refused);
        } else if (entry.action instanceof PendingAction.Subscribe subscribe) {
            completeSubscribe(subscribe.channel(), ack.success());
        }
        saveJournal();
    }

    /** The server said RATE_LIMITED (its error event comes just before the refused ack). */
    void onRateLimited() {
        rateLimitedAt = nanoClock.getAsLong();
    }

    private boolean recentlyRateLimited() {
        return rateLimitedAt != Long.MIN_VALUE && nanoClock.getAsLong() - rateLimitedAt < TimeUnit.SECONDS.toNanos(2);
    }

    /** No answer within the ack timeout, over a live connection: the server chose not to answer. */
    private void unanswered(Entry entry) {
        if (inFlight.remove(entry.seq) == null) {
            return;
        }
        if (entry.action instanceof PendingAction.MarkRead) {
            entry.refused.complete(Set.of()); // delivered over a live connection to a backend whose mark:read has no ack
        } else if (entry.action instanceof PendingAction.MarkReadBatch batch) {
            if (!batchUnsupported) {
                LOG.log(Level.INFO, "The server does not answer mark:read:batch: using single mark:read events "
                        + "on this connection");
            }
            batchUnsupported = true;
            splitIntoSingles(entry, batch);
        } else if (entry.action instanceof PendingAction.Subscribe subscribe) {
            completeSubscribe(subscribe.channel(), false);
        }
        saveJournal();
        drain();
    }

    /**
     * The connection dropped with events on the wire: they may not have arrived. Read actions go back in the queue
     * in their order; channel actions are re-issued on the next connect.
     */
    void onDisconnected() {
        if (wake != null) {
            wake.cancel(false);
            wake = null;
        }
        for (Entry entry : inFlight.values()) {
            if (entry.action.durable()) {
                requeueInOrder(entry);
            }
        }
        inFlight.clear();
        waiting.removeIf(entry -> !entry.action.durable());
    }

    /** Puts an entry back among the waiting ones by its original order. */
    private void requeueInOrder(Entry entry) {
        List<Entry> all = new ArrayList<>(waiting);
        all.add(entry);
        all.sort(Comparator.comparingLong(e -> e.seq));
        waiting.clear();
        waiting.addAll(all);
    }

    private void splitIntoSingles(Entry entry, PendingAction.MarkReadBatch batch) {
        List<String> ids = batch.notificationIds();
        List<CompletableFuture<Set<String>>> parts = new ArrayList<>(ids.size());
        List<Entry> singles = new ArrayList<>(ids.size());
        for (String id : ids) {
            CompletableFuture<Set<String>> part = new CompletableFuture<>();
            parts.add(part);
            singles.add(new Entry(entry.seq, new PendingAction.MarkRead(id), part));
        }
        for (int i = singles.size() - 1; i >= 0; i--) {
            waiting.addFirst(singles.get(i));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenRun(() -> {
            Set<String> refused = new HashSet<>();
            parts.forEach(part -> refused.addAll(part.join()));
            entry.refused.complete(refused);
        });
        saveJournal();
    }

    private void completeSubscribe(String channel, boolean success) {
        List<CompletableFuture<Boolean>> waiters = subscribeWaiters.remove(channel);
        if (waiters != null) {
            waiters.forEach(w -> w.complete(success));
        }
        if (!success) {
            LOG.log(Level.WARNING, "The server refused or did not answer subscribe:channel {0}", channel);
        }
    }

    private CompletableFuture<Void> saveJournal() {
        List<Entry> pending = new ArrayList<>(inFlight.values());
        pending.addAll(waiting);
        pending.sort(Comparator.comparingLong(e -> e.seq));
        List<PendingAction> durable = new ArrayList<>();
        for (Entry entry : pending) {
            if (entry.action.durable()) {
                durable.add(entry.action);
            }
        }
        return journal.save(durable);
    }

    private static String eventName(PendingAction action) {
        if (action instanceof PendingAction.MarkRead) {
            return Events.MARK_READ;
        } else if (action instanceof PendingAction.MarkReadBatch) {
            return Events.MARK_READ_BATCH;
        } else if (action instanceof PendingAction.Subscribe) {
            return Events.SUBSCRIBE_CHANNEL;
        }
        return Events.UNSUBSCRIBE_CHANNEL;
    }

    private static JSONObject payload(PendingAction action) {
        if (action instanceof PendingAction.MarkRead read) {
            return payload("notificationId", read.notificationId());
        } else if (action instanceof PendingAction.MarkReadBatch batch) {
            JSONObject object = new JSONObject();
            try {
                object.put("notificationIds", new JSONArray(batch.notificationIds()));
            } catch (JSONException e) {
                throw new IllegalStateException(e);
            }
            return object;
        } else if (action instanceof PendingAction.Subscribe subscribe) {
            return payload("channel", subscribe.channel());
        }
        return payload("channel", ((PendingAction.Unsubscribe) action).channel());
    }

    private static JSONObject payload(String key, String value) {
        JSONObject object = new JSONObject();
        try {
            object.put(key, value);
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
        return object;
    }
}

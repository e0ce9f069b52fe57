package app.belfry.net;

import app.belfry.model.PendingAction;
import app.belfry.model.ActionJournal;
import app.belfry.model.ErrorCodes;
import app.belfry.model.Events;
import app.belfry.model.NotificationCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The notifications feature over a {@link SocketConnection}: the guide's {@code useNotificationSocket}. It turns
 * server events into model records for a {@link NotificationEvents} receiver, and sends the store's actions
 * through an {@link Outbox} that keeps them while offline, paces them and batches reads.
 */
public final class NotificationService implements NotificationActions {

    private static final System.Logger LOG = System.getLogger(NotificationService.class.getName());
    /** The longest a caller waits for its reads to be on disk. */
    private static final long KEPT_WAIT_MILLIS = 2_000;

    private final SocketConnection connection;
    private final Outbox outbox;
    private final Set<String> channels = new LinkedHashSet<>(); // event thread only

    /**
     * @param newestHeld the {@code createdAt} of the newest notification the caller holds, for {@code auth.since};
     *     asked before every connection attempt, from the socket's event thread
     */
    public NotificationService(SocketConnection connection, NotificationCodec codec, ActionJournal journal,
            NotificationEvents receiver, Supplier<Optional<Instant>> newestHeld) {
        this.connection = connection;
        this.outbox = new Outbox(connection, codec, journal, System::nanoTime);
        connection.addStatusListener(receiver::onStatus);
        connection.addHandshakeFields(() -> {
            // One millisecond early: the server replays what is strictly newer, and times have millisecond
            // precision, so a notification that shares the newest one's millisecond would be missed. The one held
            // comes again and is dropped by id.
            // Holding nothing yet (a first start), it asks for every unread notification the server keeps.
            Instant since = newestHeld.get().map(t -> t.minusMillis(1)).orElse(Instant.EPOCH);
            return Map.of(Events.AUTH_SINCE, NotificationCodec.formatInstant(since));
        });
        // Only the first argument is the payload: a server with connection state recovery appends an offset.
        // Decoding and handing over is thread-safe, so these may run on the socket's reading thread.
        connection.onAnyThread(Events.NOTIFICATION_NEW,
                args -> codec.decodeNotification(args).ifPresent(receiver::onNotification));
        connection.onAnyThread(Events.NOTIFICATION_UPDATED,
                args -> codec.decodeNotification(args).ifPresent(receiver::onNotificationUpdated));
        connection.on(Events.ERROR, args -> codec.decodeError(args).ifPresent(error -> {
            if (ErrorCodes.RATE_LIMITED.equals(error.code())) {
                outbox.onRateLimited();
            }
            receiver.onError(error);
        }));
        connection.onConnected(() -> outbox.onConnected(Set.copyOf(channels)));
        connection.onDisconnected(outbox::onDisconnected);
    }

    /** Connects with these credentials (and drops an earlier connection). */
    public void connect(Credentials credentials) {
        connection.connect(credentials);
    }

    /** Disconnects; the future completes once no event of the old socket can reach the receiver any more. */
    public CompletableFuture<Void> disconnect() {
        return connection.disconnect();
    }

    @Override
    public void retry() {
        connection.retry();
    }

    /** After sleep or a network change: opens the connection again now (see {@link SocketConnection#reopen}). */
    public void reopen(NetworkWatch.Reason why) {
        connection.reopen(why == NetworkWatch.Reason.WOKE ? "the machine has woken" : "the network has changed");
    }

    @Override
    public CompletableFuture<Set<String>> markRead(List<String> notificationIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(notificationIds));
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(Set.of());
        }
        List<CompletableFuture<Set<String>>> parts = new ArrayList<>();
        List<PendingAction> actions = new ArrayList<>();
        if (ids.size() == 1) {
            actions.add(new PendingAction.MarkRead(ids.get(0)));
        } else {
            for (int from = 0; from < ids.size(); from += Events.MAX_BATCH) {
                actions.add(new PendingAction.MarkReadBatch(ids.subList(from, Math.min(ids.size(), from + Events.MAX_BATCH))));
            }
        }
        List<CompletableFuture<Void>> kept = new ArrayList<>();
        for (PendingAction action : actions) {
            CompletableFuture<Set<String>> part = new CompletableFuture<>();
            parts.add(part);
            CompletableFuture<Void> written = new CompletableFuture<>();
            kept.add(written);
            connection.execute(() -> outbox.submitRead(action, part).whenComplete((done, failure) ->
                    written.complete(null)));
        }
        awaitKept(kept);
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Set<String> refused = new HashSet<>();
            parts.forEach(part -> refused.addAll(part.join()));
            return refused;
        });
    }

    /**
     * Waits until the journal holding these reads is on disk: a read taken is kept before the click (or the
     * command) returns, whatever ends the process next. Bounded, so that a stalled disk cannot freeze the caller.
     */
    private static void awaitKept(List<CompletableFuture<Void>> kept) {
        if (io.socket.thread.EventThread.isCurrent()) {
            return; // the submissions wait behind this task: they are on their way
        }
        try {
            CompletableFuture.allOf(kept.toArray(CompletableFuture[]::new)).get(KEPT_WAIT_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "A read is queued but not yet on disk: {0}", e.toString());
        }
    }

    @Override
    public CompletableFuture<Boolean> subscribe(String channel) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        connection.execute(() -> {
            channels.add(channel);
            outbox.awaitSubscribe(channel, answer);
            outbox.submitChannel(new PendingAction.Subscribe(channel));
        });
        return answer;
    }

    @Override
    public void unsubscribe(String channel) {
        connection.execute(() -> {
            channels.remove(channel);
            outbox.cancelSubscribeWaiters(channel);
            outbox.submitChannel(new PendingAction.Unsubscribe(channel));
        });
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    /** Read actions not yet delivered (for tests and the status line); read on the event thread. */
    public CompletableFuture<Integer> pendingReads() {
        CompletableFuture<Integer> count = new CompletableFuture<>();
        connection.execute(() -> count.complete(outbox.pendingReads()));
        return count;
    }
}

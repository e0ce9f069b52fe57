package app.belfry.net;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The outgoing side of the notification service, as the store sees it. Callable from any thread. */
public interface NotificationActions {

    /**
     * Marks notifications read on the server: one {@code mark:read} for one id, {@code mark:read:batch} events of
     * at most 100 ids for more (or single events on a backend without batch). Queued while offline, paced under
     * the rate limit. Completes with the ids the server refused (empty when all went through).
     */
    CompletableFuture<Set<String>> markRead(List<String> notificationIds);

    /** Joins a channel, now and after every reconnect. Completes with the server's answer (false on no answer). */
    CompletableFuture<Boolean> subscribe(String channel);

    /** Leaves a channel. */
    void unsubscribe(String channel);

    /** Starts connecting over after a failure or after the attempts are spent. */
    void retry();

    /** Actions that go nowhere: a store not yet bound to a service. */
    NotificationActions NONE = new NotificationActions() {
        @Override
        public CompletableFuture<Set<String>> markRead(List<String> notificationIds) {
            return CompletableFuture.completedFuture(Set.of());
        }

        @Override
        public CompletableFuture<Boolean> subscribe(String channel) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public void unsubscribe(String channel) {
        }

        @Override
        public void retry() {
        }
    };
}

package app.belfry.model;

import java.util.List;
import java.util.Objects;

/** An outgoing action that waits its turn in the outbox. Read actions outlive a restart through the journal. */
public sealed interface PendingAction {

    /** True for the actions that the journal keeps: marking read. Channel actions belong to one connection. */
    default boolean durable() {
        return this instanceof MarkRead || this instanceof MarkReadBatch;
    }

    record MarkRead(String notificationId) implements PendingAction {
        public MarkRead {
            Objects.requireNonNull(notificationId, "notificationId");
        }
    }

    record MarkReadBatch(List<String> notificationIds) implements PendingAction {
        public MarkReadBatch {
            notificationIds = List.copyOf(notificationIds);
        }
    }

    record Subscribe(String channel) implements PendingAction {
    }

    record Unsubscribe(String channel) implements PendingAction {
    }
}

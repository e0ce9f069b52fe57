package app.belfry.model;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the outbox keeps the read actions that have not yet been delivered, so that they survive a restart.
 * The persistence layer stores it on disk; {@link #IN_MEMORY} keeps nothing.
 */
public interface ActionJournal {

    /** The actions left from the last run, oldest first. */
    List<PendingAction> load();

    /**
     * Writes the actions not yet delivered, oldest first, after every change; called on the socket's event thread,
     * which it never blocks. Not debounced: the future completes once this list (or a later one) is on disk, so that
     * a read is kept before the click that took it returns.
     */
    CompletableFuture<Void> save(List<PendingAction> pending);

    ActionJournal IN_MEMORY = new ActionJournal() {
        @Override
        public List<PendingAction> load() {
            return List.of();
        }

        @Override
        public CompletableFuture<Void> save(List<PendingAction> pending) {
            return CompletableFuture.completedFuture(null);
        }
    };
}

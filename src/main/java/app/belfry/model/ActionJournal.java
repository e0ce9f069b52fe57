package app.belfry.model;

import java.util.List;

/**
 * Where the outbox keeps the read actions that have not yet been delivered, so that they survive a restart.
 * The persistence layer stores it on disk; {@link #IN_MEMORY} keeps nothing.
 */
public interface ActionJournal {

    /** The actions left from the last run, oldest first. */
    List<PendingAction> load();

    /** The actions not yet delivered, oldest first, after every change. Called on the socket's event thread. */
    void save(List<PendingAction> pending);

    ActionJournal IN_MEMORY = new ActionJournal() {
        @Override
        public List<PendingAction> load() {
            return List.of();
        }

        @Override
        public void save(List<PendingAction> pending) {
        }
    };
}

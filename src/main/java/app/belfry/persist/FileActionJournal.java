package app.belfry.persist;

import app.belfry.model.NotificationCodec;
import app.belfry.model.ActionJournal;
import app.belfry.model.PendingAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code outbox.json}: the read actions not yet delivered, so that an action taken offline survives a restart (or a
 * crash). Written through the {@link PersistWorker} at once (not debounced: it is tiny, and a read must be on disk
 * before the click returns), so the socket's thread never waits on the disk; writes of it never overlap, and a list
 * saved later never lands before one saved earlier.
 */
public final class FileActionJournal implements ActionJournal {

    private static final System.Logger LOG = System.getLogger(FileActionJournal.class.getName());

    private final JsonFile file;
    private final PersistWorker worker;
    private final Consumer<String> problems;

    /** @param problems told, once, when the file could not be read */
    public FileActionJournal(JsonFile file, PersistWorker worker, Consumer<String> problems) {
        this.file = file;
        this.worker = worker;
        this.problems = problems;
    }

    @Override
    public List<PendingAction> load() {
        JsonFile.ReadResult read = file.read();
        if (read.problem() != null) {
            problems.accept(read.problem());
        }
        List<PendingAction> actions = new ArrayList<>();
        JsonNode items = read.content().map(n -> n.path("actions")).orElse(null);
        if (items == null || !items.isArray()) {
            return actions;
        }
        for (JsonNode item : items) {
            String type = item.path("type").asText("");
            if (type.equals("read") && item.path("id").isTextual() && !item.path("id").asText().isEmpty()) {
                actions.add(new PendingAction.MarkRead(item.path("id").asText()));
            } else if (type.equals("read-batch") && item.path("ids").isArray()) {
                List<String> ids = new ArrayList<>();
                item.path("ids").forEach(id -> {
                    if (id.isTextual() && !id.asText().isEmpty()) {
                        ids.add(id.asText());
                    }
                });
                if (!ids.isEmpty()) {
                    actions.add(new PendingAction.MarkReadBatch(ids));
                }
            } else {
                LOG.log(Level.WARNING, "Skipped an action in {0} that Belfry does not understand: {1}",
                        file.path().getFileName(), item);
            }
        }
        return actions;
    }

    @Override
    public CompletableFuture<Void> save(List<PendingAction> pending) {
        List<PendingAction> snapshot = List.copyOf(pending);
        return worker.writeSoon(file.path().toString(), () -> file.write(toJson(snapshot))).thenApply(written -> {
            if (!written) {
                problems.accept("Belfry could not write " + file.path().getFileName() + ": a read taken now is sent "
                        + "while Belfry runs, but would be lost if it ended first.");
            }
            return null;
        });
    }

    static ObjectNode toJson(List<PendingAction> actions) {
        ObjectNode root = NotificationCodec.mapper().createObjectNode().put("version", 1);
        ArrayNode items = root.putArray("actions");
        for (PendingAction action : actions) {
            if (action instanceof PendingAction.MarkRead read) {
                items.addObject().put("type", "read").put("id", read.notificationId());
            } else if (action instanceof PendingAction.MarkReadBatch batch) {
                ArrayNode ids = items.addObject().put("type", "read-batch").putArray("ids");
                batch.notificationIds().forEach(ids::add);
            }
        }
        return root;
    }
}

package app.belfry.persist;

import app.belfry.model.NotificationCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code cleared.json}: the ids of the notifications the user cleared, oldest first. Clearing is Belfry's own (the
 * backend has no delete), so these are what keeps a catch-up from bringing them back after a restart.
 */
public final class ClearedFile {

    static final int VERSION = 1;

    private final JsonFile file;

    public ClearedFile(JsonFile file) {
        this.file = file;
    }

    /** The ids, oldest first; an entry that is not a non-empty string is skipped. */
    public Loaded<List<String>> load() {
        JsonFile.ReadResult read = file.read();
        if (read.content().isEmpty()) {
            return new Loaded<>(List.of(), read.problem());
        }
        JsonNode ids = read.content().get().path("ids");
        if (!ids.isArray()) {
            return new Loaded<>(List.of(), file.setAside("it has no list of ids").problem());
        }
        List<String> result = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (id.isTextual() && !id.asText().isEmpty()) {
                result.add(id.asText());
            }
        }
        return new Loaded<>(result, null);
    }

    public void save(Collection<String> oldestFirst) throws IOException {
        ObjectNode root = NotificationCodec.mapper().createObjectNode().put("version", VERSION);
        ArrayNode ids = root.putArray("ids");
        oldestFirst.forEach(ids::add);
        file.write(root);
    }
}

package app.belfry.persist;

import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code history.json}: the notifications the store held, newest first, up to its cap. */
public final class HistoryFile {

    static final int VERSION = 1;

    private final JsonFile file;
    private final NotificationCodec codec;

    public HistoryFile(JsonFile file, NotificationCodec codec) {
        this.file = file;
        this.codec = codec;
    }

    /** What was kept, newest first; entries the codec rejects are skipped (and logged by it). */
    public Loaded<List<Notification>> load() {
        JsonFile.ReadResult read = file.read();
        if (read.content().isEmpty()) {
            return new Loaded<>(List.of(), read.problem());
        }
        JsonNode items = read.content().get().path("notifications");
        if (!items.isArray()) {
            return new Loaded<>(List.of(), file.setAside("it has no list of notifications").problem());
        }
        List<Notification> notifications = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            codec.decodeNotification(item).ifPresent(notifications::add);
        }
        return new Loaded<>(notifications, null);
    }

    public void save(List<Notification> newestFirst) throws IOException {
        ObjectNode root = NotificationCodec.mapper().createObjectNode().put("version", VERSION);
        ArrayNode items = root.putArray("notifications");
        for (Notification n : newestFirst) {
            items.add(codec.toJson(n));
        }
        file.write(root);
    }
}

package app.belfry.persist;

import app.belfry.model.NotificationCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** {@code settings.json}. Fields it cannot read take their defaults; the rest is kept. */
public final class SettingsFile {

    private final JsonFile file;

    public SettingsFile(JsonFile file) {
        this.file = file;
    }

    public Loaded<Settings> load() {
        JsonFile.ReadResult read = file.read();
        if (read.content().isEmpty() || !read.content().get().isObject()) {
            return new Loaded<>(Settings.DEFAULTS, read.problem());
        }
        JsonNode node = read.content().get();
        return new Loaded<>(new Settings(text(node, "server"), text(node, "authMode"), text(node, "email"),
                text(node, "identity"), text(node, "sessionDigest"),
                node.path("doNotDisturb").asBoolean(false), time(node, "quietFrom"), time(node, "quietTo"),
                node.path("errorsBreakThrough").asBoolean(true), Math.max(0, node.path("maxNotifications").asInt(0)),
                text(node, "caFile")),
                null);
    }

    public void save(Settings settings) throws IOException {
        ObjectNode node = NotificationCodec.mapper().createObjectNode().put("version", 1);
        node.put("server", settings.server());
        node.put("authMode", settings.authMode());
        node.put("email", settings.email());
        node.put("identity", settings.identity());
        node.put("sessionDigest", settings.sessionDigest());
        node.put("doNotDisturb", settings.doNotDisturb());
        node.put("quietFrom", settings.quietFrom() == null ? null : settings.quietFrom().toString());
        node.put("quietTo", settings.quietTo() == null ? null : settings.quietTo().toString());
        node.put("errorsBreakThrough", settings.errorsBreakThrough());
        node.put("maxNotifications", settings.maxNotifications());
        node.put("caFile", settings.caFile());
        file.write(node);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static LocalTime time(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

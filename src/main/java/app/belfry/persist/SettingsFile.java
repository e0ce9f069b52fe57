package app.belfry.persist;

import app.belfry.model.NotificationCodec;
import app.belfry.model.NotificationType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        List<String> problems = new ArrayList<>();
        Set<NotificationType> popupTypes = types(node, "popupTypes", Settings.DEFAULT_POPUP_TYPES, problems);
        Set<NotificationType> soundTypes = types(node, "soundTypes", Settings.DEFAULT_SOUND_TYPES, problems);
        return new Loaded<>(new Settings(text(node, "server"), text(node, "authMode"), text(node, "email"),
                text(node, "identity"), text(node, "sessionDigest"),
                node.path("doNotDisturb").asBoolean(false), time(node, "quietFrom"), time(node, "quietTo"),
                node.path("errorsBreakThrough").asBoolean(true), Math.max(0, node.path("maxNotifications").asInt(0)),
                text(node, "caFile"), popupTypes, soundTypes),
                problems.isEmpty() ? null : "settings.json: " + String.join("; ", problems) + ".");
    }

    /**
     * A list of type names; absent means the default. One that is not a list of known types is reported (the caller
     * says it once) and the default is used: a setting is either what the user chose or the default, never half.
     */
    private static Set<NotificationType> types(JsonNode node, String field, Set<NotificationType> otherwise,
            List<String> problems) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return otherwise;
        }
        Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
        if (value.isArray()) {
            for (JsonNode item : value) {
                Optional<NotificationType> type = item.isTextual() ? NotificationType.fromWire(item.asText())
                        : Optional.empty();
                if (type.isEmpty()) {
                    String shown = item.toString();
                    shown = shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
                    problems.add(field + " has " + shown + ", which is not a type (info, success, warning, error): "
                            + "the default is used");
                    return otherwise;
                }
                types.add(type.get());
            }
            return types;
        }
        problems.add(field + " is not a list of types: the default is used");
        return otherwise;
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
        ArrayNode popUp = node.putArray("popupTypes");
        settings.popupTypes().stream().sorted().forEach(t -> popUp.add(t.wireName()));
        ArrayNode sound = node.putArray("soundTypes");
        settings.soundTypes().stream().sorted().forEach(t -> sound.add(t.wireName()));
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

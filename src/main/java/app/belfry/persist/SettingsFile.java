package app.belfry.persist;

import app.belfry.model.NotificationCodec;
import app.belfry.model.NotificationType;
import app.belfry.model.Preferences;
import app.belfry.model.Theme;
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
        Set<NotificationType> popupTypes = types(node, "popupTypes", Preferences.DEFAULT_POPUP_TYPES, problems);
        Set<NotificationType> soundTypes = types(node, "soundTypes", Preferences.DEFAULT_SOUND_TYPES, problems);
        Preferences preferences = new Preferences(node.path("doNotDisturb").asBoolean(false), time(node, "quietFrom"),
                time(node, "quietTo"), node.path("errorsBreakThrough").asBoolean(true),
                Math.max(0, node.path("maxNotifications").asInt(0)), popupTypes, soundTypes,
                language(node, problems), theme(node, problems));
        return new Loaded<>(new Settings(text(node, "server"), text(node, "authMode"), text(node, "email"),
                text(node, "identity"), text(node, "sessionDigest"), text(node, "caFile"), preferences),
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
        node.put("caFile", settings.caFile());
        Preferences chosen = settings.preferences();
        node.put("doNotDisturb", chosen.doNotDisturb());
        node.put("quietFrom", chosen.quietFrom() == null ? null : chosen.quietFrom().toString());
        node.put("quietTo", chosen.quietTo() == null ? null : chosen.quietTo().toString());
        node.put("errorsBreakThrough", chosen.errorsBreakThrough());
        node.put("maxNotifications", chosen.keep());
        ArrayNode popUp = node.putArray("popupTypes");
        chosen.popupTypes().stream().sorted().forEach(t -> popUp.add(t.wireName()));
        ArrayNode sound = node.putArray("soundTypes");
        chosen.soundTypes().stream().sorted().forEach(t -> sound.add(t.wireName()));
        node.put("language", chosen.language());
        node.put("theme", chosen.theme().wireName());
        file.write(node);
    }

    /** A language Belfry speaks, or null for the system's; another is reported and the system's used. */
    private static String language(JsonNode node, List<String> problems) {
        String tag = text(node, "language");
        if (tag == null || app.belfry.i18n.Texts.SPOKEN.contains(tag)) {
            return tag;
        }
        problems.add("language " + (tag.length() > 20 ? tag.substring(0, 20) + "…" : tag)
                + " is not one Belfry speaks (" + String.join(", ", app.belfry.i18n.Texts.SPOKEN)
                + "): the system's is used");
        return null;
    }

    /** Light, dark or system; absent means system, and another value is reported and system used. */
    private static Theme theme(JsonNode node, List<String> problems) {
        String name = text(node, "theme");
        if (name == null) {
            return Theme.SYSTEM;
        }
        return Theme.fromWire(name).orElseGet(() -> {
            problems.add("theme " + (name.length() > 20 ? name.substring(0, 20) + "…" : name)
                    + " is none of light, dark, system: the system's is used");
            return Theme.SYSTEM;
        });
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

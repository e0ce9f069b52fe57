package app.belfry.model;

import app.belfry.model.CodecWarnings.Problem;
import app.belfry.model.CodecWarnings.Problems;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns what arrives on the socket into the model's records and back (docs/PROTOCOL.md, "The Notification object";
 * its repairs and rejections are those of "Bad input", "What a client does").
 *
 * <p>A payload may come as org.json's {@code JSONObject} (socket.io-client-java), as a {@code java.util.Map} or a
 * Jackson {@link JsonNode} (a Jackson-based server), or as a String holding a JSON object. Input that breaks the
 * contract never throws: it is rejected (an empty Optional) or repaired, and logged as one warning line per
 * payload on the logger {@value #LOGGER_NAME}, at most {@value WarningLimiter#MAX_PER_WINDOW} lines a minute.
 *
 * <p>Thread-safe; one instance serves a whole application.
 */
public final class NotificationCodec {

    public static final String LOGGER_NAME = "app.belfry.model.NotificationCodec";
    /** Longer ids are rejected: no real backend makes them, and they would only cost memory. */
    public static final int MAX_ID_LENGTH = 256;
    /** Titles and messages are kept whole up to this length, for memory's sake cut beyond it. */
    public static final int MAX_TEXT_LENGTH = 65_536;

    /** An action's acknowledgement, {@code {success, updated?}}; {@code updated} is empty when absent. */
    public record Ack(boolean success, List<String> updated) {

        public Ack {
            updated = updated == null ? List.of() : List.copyOf(updated);
        }
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Reads a nested value mid-stream: the mapper's check for trailing tokens must not apply there. */
    private static final ObjectReader NESTED = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final String REJECTED = "Rejected a notification";
    private static final String REPAIRED = "Repaired notification";
    static final Problem NO_ARGUMENTS = Problem.of(null, "the event came without a payload");

    private final Clock clock;
    private final CodecWarnings warnings;
    private final ReplyDecoder replies;
    private final LongAdder rejected = new LongAdder();
    private final LongAdder repaired = new LongAdder();

    /** A codec whose time of arrival is the system clock's. */
    public NotificationCodec() {
        this(Clock.systemUTC());
    }

    /** A codec that takes the time of arrival (and the pace of its warnings) from the given clock. */
    public NotificationCodec(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnings = new CodecWarnings(clock);
        this.replies = new ReplyDecoder(warnings);
    }

    /** The shared, configured Jackson mapper. Do not reconfigure it: it is shared. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    // ---- notifications -------------------------------------------------------------------------------------

    /**
     * The notification in an event's arguments. Only the first argument is the payload: a server with connection
     * state recovery appends its offset as an extra argument, which is ignored.
     */
    public Optional<Notification> decodeNotification(Object... args) {
        if (args == null || args.length == 0) {
            rejected.increment();
            warnings.warn(REJECTED, null, Problems.of(NO_ARGUMENTS), null, false);
            return Optional.empty();
        }
        return decodePayload(args[0]);
    }

    public Optional<Notification> decodeNotification(JsonNode node) {
        return decodePayload(node);
    }

    private Optional<Notification> decodePayload(Object payload) {
        try {
            Object object = asObject(payload);
            if (object == null) {
                return reject(notAnObject(payload), payload);
            }
            return decodeObject(object, payload);
        } catch (RuntimeException e) {
            // A contract breach that the checks above did not foresee (a Map with odd keys, a concurrent change).
            return reject(Problem.quoting(null, "could not be read:", e), payload);
        }
    }

    private Optional<Notification> decodeObject(Object object, Object payload) {
        Object rawId = JsonValues.field(object, "id");
        if (!(rawId instanceof String id)) {
            return reject(rawId == null ? Problem.of("id", "is missing or null")
                    : Problem.typed("id", "is {type}, not a string", rawId), payload);
        }
        if (id.isBlank()) {
            return reject(Problem.of("id", "is empty or blank"), payload);
        }
        if (id.length() > MAX_ID_LENGTH) {
            return reject(Problem.quoting("id", "is longer than " + MAX_ID_LENGTH + " characters; its length is",
                    id.length()), payload);
        }
        Problems problems = new Problems();
        NotificationType type = type(JsonValues.field(object, "type"), problems);
        String title = text(JsonValues.field(object, "title"), "title", problems);
        String message = text(JsonValues.field(object, "message"), "message", problems);
        Instant createdAt = createdAt(JsonValues.field(object, "createdAt"), problems);
        boolean read = read(JsonValues.field(object, "read"), problems);
        if (!problems.isEmpty()) {
            repaired.increment();
            warnings.warn(REPAIRED, id, problems, payload, true);
        }
        return Optional.of(new Notification(id, type, title, message, createdAt, read));
    }

    private Optional<Notification> reject(Problem problem, Object payload) {
        rejected.increment();
        warnings.warn(REJECTED, null, Problems.of(problem), payload, true);
        return Optional.empty();
    }

    private static NotificationType type(Object raw, Problems problems) {
        if (!(raw instanceof String name)) {
            problems.add(raw == null ? Problem.of("type", "is missing, shown as info")
                    : Problem.typed("type", "is {type}, not a string; shown as info", raw));
            return NotificationType.INFO;
        }
        NotificationType exact = byWireName(name);
        if (exact != null) {
            return exact;
        }
        // "INFO" or "Error" is not the contract, but its meaning is plain: use it, and say so.
        for (NotificationType type : NotificationType.values()) {
            if (type.wireName().equalsIgnoreCase(name)) {
                problems.add(Problem.quoting("type", "is not lowercase, read as " + type.wireName() + ":", raw));
                return type;
            }
        }
        problems.add(Problem.quoting("type", "is unknown, shown as info:", raw));
        return NotificationType.INFO;
    }

    private static NotificationType byWireName(String name) {
        switch (name) {
            case "info":
                return NotificationType.INFO;
            case "success":
                return NotificationType.SUCCESS;
            case "warning":
                return NotificationType.WARNING;
            case "error":
                return NotificationType.ERROR;
            default:
                return null;
        }
    }

    /** A title or a message: missing is empty, a number or boolean its text, an object or array empty. */
    static String text(Object raw, String field, Problems problems) {
        if (raw == null) {
            return "";
        }
        if (raw instanceof String text) {
            if (text.length() <= MAX_TEXT_LENGTH) {
                return text;
            }
            problems.add(Problem.quoting(field, "is longer than " + MAX_TEXT_LENGTH
                    + " characters and was cut there; its length was", text.length()));
            int end = MAX_TEXT_LENGTH;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never keep half of a character
            }
            return text.substring(0, end);
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            problems.add(Problem.typed(field, "is {type}, not a string; its text is used", raw));
            return JsonValues.scalarText(raw);
        }
        problems.add(Problem.typed(field, "is {type}, not a string; left empty", raw));
        return "";
    }

    private Instant createdAt(Object raw, Problems problems) {
        if (raw == null) {
            problems.add(Problem.of("createdAt", "is missing, the time of arrival is used"));
            return arrival();
        }
        Instant parsed = null;
        if (raw instanceof String text) {
            parsed = WireTime.parseText(text);
        } else if (raw instanceof Number number) {
            parsed = WireTime.fromEpochMillis(number);
        }
        if (parsed == null) {
            problems.add(Problem.quoting("createdAt", "is not a timestamp, the time of arrival is used:", raw));
            return arrival();
        }
        return parsed;
    }

    /** Now, in the millisecond precision that the wire carries, so that it survives a round trip. */
    private Instant arrival() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean read(Object raw, Problems problems) {
        if (raw instanceof Boolean value) {
            return value;
        }
        if (raw != null) {
            problems.add(Problem.typed("read", "is {type}, not a boolean; false is used", raw));
        }
        return false;
    }

    // ---- errors and acks -------------------------------------------------------------------------------------

    /**
     * The error in an {@code error} or {@code connect_error} event: {@code {message, code?}}, a connect_error's
     * {@code {message, data: {code}}}, a bare string (the message), or an exception (its message, and its
     * {@code code} field when it or a cause has one, as socket.io-client-java's {@code EngineIOException} does).
     * Only the first argument is read. Empty, with a warning, for anything else.
     */
    public Optional<SocketError> decodeError(Object... args) {
        return replies.decodeError(args);
    }

    /**
     * The acknowledgement in an ack callback's arguments: {@code {success, updated?}}. Anything malformed is a
     * failure; entries of {@code updated} that are not ids are dropped.
     */
    public Ack decodeAck(Object... args) {
        return replies.decodeAck(args);
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    /** The notification as the contract's JSON object, its fields in the contract's order. */
    public ObjectNode toJson(Notification notification) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", notification.id());
        node.put("type", notification.type().wireName());
        node.put("title", notification.title());
        node.put("message", notification.message());
        node.put("createdAt", formatInstant(notification.createdAt()));
        node.put("read", notification.read());
        return node;
    }

    public String toJsonString(Notification notification) {
        try {
            return MAPPER.writeValueAsString(toJson(notification));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of strings and a boolean always serializes
        }
    }

    /** The notification as a map for a server that emits through its own Jackson: the same fields as JSON. */
    public Map<String, Object> toMap(Notification notification) {
        Map<String, Object> map = new LinkedHashMap<>(8);
        map.put("id", notification.id());
        map.put("type", notification.type().wireName());
        map.put("title", notification.title());
        map.put("message", notification.message());
        map.put("createdAt", formatInstant(notification.createdAt()));
        map.put("read", notification.read());
        return map;
    }

    // ---- instants --------------------------------------------------------------------------------------------

    /** Like JavaScript's {@code Date.toISOString()}: {@code 2026-11-25T10:15:00.000Z}, finer digits dropped. */
    public static String formatInstant(Instant instant) {
        return WireTime.format(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * The instant a wire value stands for: ISO-8601 text with {@code Z} or an offset, a number of epoch
     * milliseconds, an Instant or Date, or a JsonNode holding one of these. Empty for anything else; never logs.
     */
    public static Optional<Instant> parseInstant(Object value) {
        try {
            return Optional.ofNullable(WireTime.parse(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    // ---- counts ----------------------------------------------------------------------------------------------

    /** Notifications rejected so far, logged or not. */
    public long rejectedCount() {
        return rejected.sum();
    }

    /** Notifications accepted with a repair so far, logged or not. */
    public long repairedCount() {
        return repaired.sum();
    }

    // ---- shared ----------------------------------------------------------------------------------------------

    /** The payload as a JSON object of one of the families, parsing a String of JSON object text; else null. */
    static Object asObject(Object payload) {
        Object plain = JsonValues.plain(payload);
        if (JsonValues.isObject(plain)) {
            return plain;
        }
        return plain instanceof String text ? parseObjectText(text) : null;
    }

    /**
     * JSON object text as a map of its top-level fields (see {@link #readObject}); null when the text is not
     * exactly one JSON object.
     */
    private static Map<String, Object> parseObjectText(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == n || text.charAt(i) != '{') {
            return null; // not worth a parser's exception
        }
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> fields = readObject(parser);
            return parser.nextToken() == null ? fields : null; // nothing may follow the object
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads the JSON object the parser stands on (at its START_OBJECT) into a map of its top-level fields: scalars
     * as Java values, nested objects and arrays as Jackson nodes. One streaming pass, no tree: the packet decoder
     * hands every event payload over this way. The parser ends on the object's END_OBJECT.
     */
    public static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> fields = new HashMap<>(16);
        JsonToken token;
        for (token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            fields.put(name, switch (value) {
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> parser.getNumberValue();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> NESTED.readTree(parser);
            });
        }
        if (token != JsonToken.END_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "unclosed object");
        }
        return fields;
    }

    static Problem notAnObject(Object payload) {
        Object plain = JsonValues.plain(payload);
        return plain instanceof String
                ? Problem.of("payload", "is a string that is not a JSON object")
                : Problem.typed("payload", "is {type}, not an object", plain);
    }
}

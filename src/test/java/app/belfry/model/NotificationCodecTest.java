package app.belfry.model;

import app.belfry.testing.LogCapture;
import app.belfry.testing.MutableClock;
import static app.belfry.model.Payloads.CREATED_AT;
import static app.belfry.model.Payloads.ID;
import static app.belfry.model.Payloads.json;
import static app.belfry.model.Payloads.jsonArray;
import static app.belfry.model.Payloads.validJson;
import static app.belfry.model.Payloads.validMap;
import static app.belfry.model.Payloads.validMapWith;
import static app.belfry.model.Payloads.validMapWithout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding notifications: docs/PROTOCOL.md, "The Notification object", and the rules for input that breaks it
 * ("Bad input", "What a client does").
 */
class NotificationCodecTest {

    private static final Instant ARRIVAL = Instant.parse("2030-01-02T03:04:05.678Z");
    private static final Notification EXPECTED = new Notification(ID, NotificationType.SUCCESS, "Build finished",
            "main is green", Instant.parse(CREATED_AT), false);

    @RegisterExtension
    final LogCapture log = new LogCapture(NotificationCodec.LOGGER_NAME);

    private final MutableClock clock = new MutableClock(ARRIVAL);
    private final NotificationCodec codec = new NotificationCodec(clock);

    // ---- valid payloads, every shape --------------------------------------------------------------------------

    @Test
    void decodesAJsonObjectAsSocketIoClientJavaHandsIt() {
        assertThat(codec.decodeNotification(validJson())).contains(EXPECTED);
        log.assertNoWarning();
    }

    @Test
    void decodesAMapAsAJacksonServerHandsIt() {
        assertThat(codec.decodeNotification(validMap())).contains(EXPECTED);
        log.assertNoWarning();
    }

    @Test
    void decodesAJsonNode() {
        JsonNode node = NotificationCodec.mapper().valueToTree(validMap());
        assertThat(codec.decodeNotification(node)).contains(EXPECTED);
        assertThat(codec.decodeNotification((Object) node)).contains(EXPECTED);
        log.assertNoWarning();
    }

    @Test
    void decodesAStringOfJsonObjectText() {
        String text = "  {\"id\":\"" + ID + "\",\"type\":\"success\",\"title\":\"Build finished\","
                + "\"message\":\"main is green\",\"createdAt\":\"" + CREATED_AT + "\",\"read\":false}\n";
        assertThat(codec.decodeNotification(text)).contains(EXPECTED);
        log.assertNoWarning();
    }

    @Test
    void ignoresTheOffsetThatConnectionStateRecoveryAppends() {
        assertThat(codec.decodeNotification(validJson(), "MzUPkW0")).contains(EXPECTED);
        assertThat(codec.decodeNotification(validMap(), 12, null)).contains(EXPECTED);
        log.assertNoWarning();
    }

    @Test
    void ignoresUnknownFieldsSilently() {
        Map<String, Object> map = validMapWith("sentNs", 123456789012345L);
        map.put("channel", Map.of("name", "broadcast"));
        assertThat(codec.decodeNotification(json(map))).contains(EXPECTED);
        assertThat(codec.decodeNotification(map)).contains(EXPECTED);
        log.assertNoWarning();
    }

    @Test
    void readsReadTrue() {
        assertThat(codec.decodeNotification(json(validMapWith("read", true)))).contains(EXPECTED.withRead(true));
        log.assertNoWarning();
    }

    @ParameterizedTest
    @EnumSource(NotificationType.class)
    void readsEachTypeByItsLowercaseWireName(NotificationType type) {
        Optional<Notification> decoded = codec.decodeNotification(json(validMapWith("type", type.wireName())));
        assertThat(decoded).map(Notification::type).contains(type);
        log.assertNoWarning();
        assertThat(codec.repairedCount()).isZero();
    }

    // ---- rejections ---------------------------------------------------------------------------------------------

    @Test
    void rejectsAnEventWithoutArguments() {
        assertThat(codec.decodeNotification()).isEmpty();
        assertThat(log.assertOneWarning()).contains("Rejected").contains("without a payload");
        assertThat(codec.decodeNotification((Object[]) null)).isEmpty();
        log.assertOneWarning();
        assertThat(codec.rejectedCount()).isEqualTo(2);
    }

    static Stream<Arguments> notAnObject() {
        return Stream.of(
                Arguments.of("an org.json array", jsonArray("[{\"id\":\"a\"}]")),
                Arguments.of("a list", List.of(validMap())),
                Arguments.of("a Jackson array", NotificationCodec.mapper().valueToTree(List.of(validMap()))),
                Arguments.of("a plain string", "hello"),
                Arguments.of("an empty string", ""),
                Arguments.of("JSON array text", "[{\"id\":\"a\"}]"),
                Arguments.of("broken JSON object text", "{\"id\":\"a\""),
                Arguments.of("JSON object text with trailing junk", "{\"id\":\"a\"} {}"),
                Arguments.of("a number", 42),
                Arguments.of("a boolean", true),
                Arguments.of("null", null),
                Arguments.of("JSONObject.NULL", JSONObject.NULL),
                Arguments.of("a Jackson null", JsonNodeFactory.instance.nullNode()),
                Arguments.of("a Jackson number", JsonNodeFactory.instance.numberNode(7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAnObject")
    void rejectsAPayloadThatIsNotAnObject(String description, Object payload) {
        assertThat(codec.decodeNotification(payload, "offset")).isEmpty();
        assertThat(log.assertOneWarning()).startsWith("Rejected a notification: payload is");
    }

    static Stream<Arguments> badIds() {
        return Stream.of(
                Arguments.of("missing", validMapWithout("id"), "id is missing"),
                Arguments.of("null", validMapWith("id", null), "id is missing or null"),
                Arguments.of("empty", validMapWith("id", ""), "id is empty or blank"),
                Arguments.of("blank", validMapWith("id", " \t "), "id is empty or blank"),
                Arguments.of("a number", validMapWith("id", 42), "id is a number, not a string"),
                Arguments.of("a boolean", validMapWith("id", true), "id is a boolean, not a string"),
                Arguments.of("an object", validMapWith("id", Map.of("v", "a")), "id is an object, not a string"),
                Arguments.of("an array", validMapWith("id", List.of("a")), "id is an array, not a string"));
    }

    @ParameterizedTest(name = "id {0}, from a map")
    @MethodSource("badIds")
    void rejectsABadIdInAMap(String description, Map<String, Object> payload, String reason) {
        assertThat(codec.decodeNotification(payload)).isEmpty();
        assertThat(log.assertOneWarning()).contains(reason);
    }

    @ParameterizedTest(name = "id {0}, from org.json")
    @MethodSource("badIds")
    void rejectsABadIdInAJsonObject(String description, Map<String, Object> payload, String reason) {
        Object id = payload.get("id");
        JSONObject object = json(validMapWithout("id"));
        if (payload.containsKey("id")) {
            putQuietly(object, "id", id == null ? JSONObject.NULL
                    : id instanceof Map<?, ?> map ? new JSONObject(map)
                    : id instanceof List<?> list ? new JSONArray(list) : id);
        }
        assertThat(codec.decodeNotification(object)).isEmpty();
        assertThat(log.assertOneWarning()).contains(reason);
    }

    @ParameterizedTest(name = "id {0}, from a JsonNode")
    @MethodSource("badIds")
    void rejectsABadIdInAJsonNode(String description, Map<String, Object> payload, String reason) {
        assertThat(codec.decodeNotification((JsonNode) NotificationCodec.mapper().valueToTree(payload))).isEmpty();
        assertThat(log.assertOneWarning()).contains(reason);
    }

    @Test
    void acceptsAnIdOf256CharactersAndRejectsOneOf257() {
        String longest = "a".repeat(NotificationCodec.MAX_ID_LENGTH);
        assertThat(codec.decodeNotification(json(validMapWith("id", longest)))).map(Notification::id)
                .contains(longest);
        log.assertNoWarning();

        assertThat(codec.decodeNotification(json(validMapWith("id", longest + "b")))).isEmpty();
        assertThat(log.assertOneWarning()).contains("id is longer than 256 characters; its length is 257");
    }

    @Test
    void rejectsAHugeIdAndQuotesOnlyAnExcerptOfIt() {
        assertThat(codec.decodeNotification(json(validMapWith("id", "x".repeat(10_000))))).isEmpty();
        String warning = log.assertOneWarning();
        assertThat(warning).contains("10000").hasSizeLessThan(500);
    }

    // ---- repairs: type ------------------------------------------------------------------------------------------

    @Test
    void showsAnUnknownTypeAsInfo() {
        assertThat(codec.decodeNotification(json(validMapWith("type", "urgent")))).contains(
                new Notification(ID, NotificationType.INFO, "Build finished", "main is green",
                        Instant.parse(CREATED_AT), false));
        assertThat(log.assertOneWarning()).startsWith("Repaired notification \"" + ID + "\"")
                .contains("type is unknown, shown as info: \"urgent\"");
        assertThat(codec.repairedCount()).isEqualTo(1);
    }

    @Test
    void showsAMissingTypeAsInfo() {
        assertThat(codec.decodeNotification(validMapWithout("type"))).map(Notification::type)
                .contains(NotificationType.INFO);
        assertThat(log.assertOneWarning()).contains("type is missing, shown as info");
    }

    @Test
    void showsANullTypeAsInfo() {
        assertThat(codec.decodeNotification(json(validMapWith("type", null)))).map(Notification::type)
                .contains(NotificationType.INFO);
        log.assertOneWarning();
    }

    @ParameterizedTest
    @MethodSource("nonStrings")
    void showsANonStringTypeAsInfo(Object type) {
        assertThat(codec.decodeNotification(validMapWith("type", type))).map(Notification::type)
                .contains(NotificationType.INFO);
        assertThat(log.assertOneWarning()).contains("not a string; shown as info");
    }

    static Stream<Object> nonStrings() {
        return Stream.of(3, 2.5, true, Map.of("a", 1), List.of("info"));
    }

    @Test
    void readsATypeInTheWrongCaseAsItsLowercaseNameAndSaysSo() {
        assertThat(codec.decodeNotification(json(validMapWith("type", "ERROR")))).map(Notification::type)
                .contains(NotificationType.ERROR);
        assertThat(log.assertOneWarning()).contains("type is not lowercase, read as error: \"ERROR\"");
        assertThat(codec.decodeNotification(json(validMapWith("type", "Info")))).map(Notification::type)
                .contains(NotificationType.INFO);
        log.assertOneWarning();
    }

    @Test
    void doesNotTrimAType() {
        assertThat(codec.decodeNotification(validMapWith("type", " warning"))).map(Notification::type)
                .contains(NotificationType.INFO);
        assertThat(log.assertOneWarning()).contains("type is unknown");
    }

    // ---- repairs: createdAt -------------------------------------------------------------------------------------

    @Test
    void usesTheTimeOfArrivalWhenCreatedAtIsMissing() {
        assertThat(codec.decodeNotification(json(validMapWithout("createdAt")))).map(Notification::createdAt)
                .contains(ARRIVAL);
        assertThat(log.assertOneWarning()).contains("createdAt is missing, the time of arrival is used");
    }

    @Test
    void usesTheTimeOfArrivalInMillisecondsSoThatItSurvivesTheWire() {
        clock.set(Instant.parse("2030-01-02T03:04:05.678901234Z"));
        assertThat(codec.decodeNotification(validMapWithout("createdAt"))).map(Notification::createdAt)
                .contains(Instant.parse("2030-01-02T03:04:05.678Z"));
    }

    static Stream<Arguments> badDates() {
        return Stream.of(
                Arguments.of("yesterday"),
                Arguments.of(""),
                Arguments.of("   "),
                Arguments.of("2026-11-25"),
                Arguments.of("2026-11-25T10:15:00"),
                Arguments.of("2026-11-25T10:15:00.000"),
                Arguments.of("2026-02-30T10:15:00.000Z"),
                Arguments.of("2026-11-25T24:15:00.000Z"),
                Arguments.of("2026-11-25 10:15:00.000Z"),
                Arguments.of("2026-11-25T10:15:00.000Zjunk"),
                Arguments.of("1764065700000"),
                Arguments.of("x".repeat(100_000)),
                Arguments.of(Map.of()),
                Arguments.of(List.of(2026, 11, 25)),
                Arguments.of(true),
                Arguments.of(Double.NaN),
                Arguments.of(1e300));
    }

    @ParameterizedTest
    @MethodSource("badDates")
    void usesTheTimeOfArrivalWhenCreatedAtIsNotATimestamp(Object createdAt) {
        assertThat(codec.decodeNotification(validMapWith("createdAt", createdAt))).map(Notification::createdAt)
                .contains(ARRIVAL);
        assertThat(log.assertOneWarning()).contains("createdAt is not a timestamp, the time of arrival is used")
                .hasSizeLessThan(500);
    }

    @Test
    void usesTheTimeOfArrivalWhenCreatedAtIsJsonNull() {
        assertThat(codec.decodeNotification(json(validMapWith("createdAt", null)))).map(Notification::createdAt)
                .contains(ARRIVAL);
        log.assertOneWarning();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T10:15:00.000Z", "2026-11-25T12:15:00+02:00", "2026-11-25T05:15:00.000-05:00",
            "2026-11-25T10:15:00Z", "2026-11-25T10:15Z", "2026-11-25T10:15:00.000000000Z"})
    void readsIsoInstantsWithZOrAnOffset(String createdAt) {
        assertThat(codec.decodeNotification(json(validMapWith("createdAt", createdAt))))
                .map(Notification::createdAt).contains(Instant.parse(CREATED_AT));
        log.assertNoWarning();
    }

    @Test
    void keepsDigitsFinerThanMilliseconds() {
        assertThat(codec.decodeNotification(validMapWith("createdAt", "2026-11-25T10:15:00.123456Z")))
                .map(Notification::createdAt).contains(Instant.parse("2026-11-25T10:15:00.123456Z"));
        log.assertNoWarning();
    }

    @Test
    void readsANumberAsEpochMilliseconds() {
        long millis = Instant.parse(CREATED_AT).toEpochMilli();
        assertThat(codec.decodeNotification(json(validMapWith("createdAt", millis)))).contains(EXPECTED);
        assertThat(codec.decodeNotification(validMapWith("createdAt", (double) millis))).contains(EXPECTED);
        assertThat(codec.decodeNotification((JsonNode) NotificationCodec.mapper()
                .valueToTree(validMapWith("createdAt", millis)))).contains(EXPECTED);
        assertThat(codec.decodeNotification(validMapWith("createdAt", 0))).map(Notification::createdAt)
                .contains(Instant.EPOCH);
        log.assertNoWarning();
    }

    // ---- repairs: read ------------------------------------------------------------------------------------------

    @Test
    void readsAMissingOrNullReadAsFalseSilently() {
        assertThat(codec.decodeNotification(json(validMapWithout("read")))).contains(EXPECTED);
        assertThat(codec.decodeNotification(json(validMapWith("read", null)))).contains(EXPECTED);
        assertThat(codec.decodeNotification(validMapWith("read", null))).contains(EXPECTED);
        log.assertNoWarning();
    }

    @ParameterizedTest
    @MethodSource("notBooleans")
    void readsANonBooleanReadAsFalseAndSaysSo(Object read) {
        assertThat(codec.decodeNotification(validMapWith("read", read))).contains(EXPECTED);
        assertThat(log.assertOneWarning()).contains("read is").contains("not a boolean; false is used");
    }

    static Stream<Object> notBooleans() {
        return Stream.of("true", 1, 0, Map.of(), List.of(true));
    }

    // ---- repairs: title and message -----------------------------------------------------------------------------

    @Test
    void readsAMissingOrNullTitleAndMessageAsEmptySilently() {
        Map<String, Object> map = validMapWithout("title");
        map.remove("message");
        Notification expected = new Notification(ID, NotificationType.SUCCESS, "", "", Instant.parse(CREATED_AT),
                false);
        assertThat(codec.decodeNotification(json(map))).contains(expected);
        map.put("title", null);
        map.put("message", null);
        assertThat(codec.decodeNotification(json(map))).contains(expected);
        assertThat(codec.decodeNotification(map)).contains(expected);
        log.assertNoWarning();
    }

    @ParameterizedTest
    @ValueSource(strings = {"title", "message"})
    void usesTheTextOfANumberOrBoolean(String field) {
        assertThat(codec.decodeNotification(validMapWith(field, 42))).map(n -> text(n, field)).contains("42");
        assertThat(log.assertOneWarning()).contains(field + " is a number, not a string; its text is used");
        assertThat(codec.decodeNotification(validMapWith(field, 2.0))).map(n -> text(n, field)).contains("2");
        log.assertOneWarning();
        assertThat(codec.decodeNotification(validMapWith(field, 1.5))).map(n -> text(n, field)).contains("1.5");
        log.assertOneWarning();
        assertThat(codec.decodeNotification(json(validMapWith(field, false)))).map(n -> text(n, field))
                .contains("false");
        assertThat(log.assertOneWarning()).contains(field + " is a boolean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"title", "message"})
    void leavesAnObjectOrArrayEmpty(String field) {
        JSONObject object = validJson();
        putQuietly(object, field, json("{\"text\":\"hello\"}"));
        assertThat(codec.decodeNotification(object)).map(n -> text(n, field)).contains("");
        assertThat(log.assertOneWarning()).contains(field + " is an object, not a string; left empty");

        assertThat(codec.decodeNotification(validMapWith(field, List.of("a", "b")))).map(n -> text(n, field))
                .contains("");
        assertThat(log.assertOneWarning()).contains(field + " is an array, not a string; left empty");
    }

    @Test
    void keepsLongTextWhole() {
        String message = "m".repeat(NotificationCodec.MAX_TEXT_LENGTH);
        assertThat(codec.decodeNotification(json(validMapWith("message", message)))).map(Notification::message)
                .contains(message);
        log.assertNoWarning();
    }

    @Test
    void cutsAHugeMessageAtTheMemoryBoundAndQuotesOnlyAnExcerpt() {
        String message = "m".repeat(1_000_000);
        Optional<Notification> decoded = codec.decodeNotification(json(validMapWith("message", message)));
        assertThat(decoded).map(Notification::message).contains(message.substring(0, 65_536));
        assertThat(log.assertOneWarning())
                .contains("message is longer than 65536 characters and was cut there; its length was 1000000")
                .hasSizeLessThan(500);
    }

    @Test
    void neverCutsACharacterInHalf() {
        String title = "t".repeat(NotificationCodec.MAX_TEXT_LENGTH - 1) + "\uD83D\uDD14" + "tail";
        Optional<Notification> decoded = codec.decodeNotification(validMapWith("title", title));
        assertThat(decoded).map(Notification::title).contains("t".repeat(NotificationCodec.MAX_TEXT_LENGTH - 1));
        log.assertOneWarning();
    }

    // ---- one line per payload -----------------------------------------------------------------------------------

    @Test
    void combinesSeveralRepairsOfOnePayloadIntoOneLine() {
        Map<String, Object> map = new HashMap<>();
        map.put("id", "n-1");
        map.put("type", "urgent");
        map.put("title", 7);
        map.put("message", List.of());
        map.put("createdAt", "yesterday");
        map.put("read", "no");
        Optional<Notification> decoded = codec.decodeNotification(json(map));
        assertThat(decoded).contains(new Notification("n-1", NotificationType.INFO, "7", "", ARRIVAL, false));
        String warning = log.assertOneWarning();
        assertThat(warning).startsWith("Repaired notification \"n-1\": ")
                .contains("type is unknown", "title is a number", "message is an array", "createdAt is not a",
                        "read is a string", "Payload: {");
    }

    @Test
    void quotesThePayloadCutToAboutTwoHundredCharacters() {
        JSONObject object = json(validMapWith("type", "urgent"));
        putQuietly(object, "padding", "p".repeat(10_000));
        String warning = log.assertOneWarning(() -> codec.decodeNotification(object));
        String payload = warning.substring(warning.indexOf("Payload: ") + "Payload: ".length());
        assertThat(payload).hasSizeLessThanOrEqualTo(201).endsWith("\u2026");
    }

    @Test
    void escapesControlCharactersInTheQuotedPayload() {
        String warning = log.assertOneWarning(() -> codec.decodeNotification(
                validMapWith("type", "line\nbreak\u0001")));
        assertThat(warning).contains("\"line\\nbreak\\u0001\"").doesNotContain("\n");
    }

    // ---- never throws --------------------------------------------------------------------------------------------

    @Test
    void rejectsAMapThatCannotBeReadInsteadOfThrowing() {
        Map<Object, Object> byNumber = new java.util.TreeMap<>();
        byNumber.put(1, "one");
        assertThat(codec.decodeNotification(byNumber)).isEmpty();
        assertThat(log.assertOneWarning()).contains("could not be read");
    }

    @Test
    void rejectsAMapThatThrowsEvenWhileItIsQuoted() {
        Map<String, Object> hostile = new java.util.AbstractMap<>() {
            @Override
            public Object get(Object key) {
                throw new IllegalStateException("no get");
            }

            @Override
            public java.util.Set<Map.Entry<String, Object>> entrySet() {
                throw new IllegalStateException("no entries");
            }
        };
        assertThat(codec.decodeNotification(hostile)).isEmpty();
        assertThat(log.assertOneWarning()).startsWith("Rejected a notification");
        assertThat(codec.decodeError(hostile)).isEmpty();
        log.assertOneWarning();
        assertThat(codec.decodeAck(hostile).success()).isFalse();
        log.assertOneWarning();
    }

    @Test
    void quotesAPayloadThatContainsItselfWithinTheBudget() {
        Map<String, Object> map = validMap();
        map.put("type", map);
        assertThat(codec.decodeNotification(map)).map(Notification::type).contains(NotificationType.INFO);
        assertThat(log.assertOneWarning()).hasSizeLessThan(500);
    }

    @Test
    void quotesADeeplyNestedPayloadWithinTheBudget() {
        String deep = "[".repeat(900) + "]".repeat(900);
        assertThat(codec.decodeNotification("{\"id\":7,\"x\":" + deep + "}")).isEmpty();
        assertThat(log.assertOneWarning()).contains("id is a number").hasSizeLessThan(500);
    }

    private static String text(Notification notification, String field) {
        return field.equals("title") ? notification.title() : notification.message();
    }

    static void putQuietly(JSONObject object, String key, Object value) {
        try {
            object.put(key, value);
        } catch (org.json.JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode node(Map<String, Object> map) {
        return NotificationCodec.mapper().valueToTree(map);
    }
}

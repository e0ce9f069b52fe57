package app.belfry.model;

import app.belfry.testing.LogCapture;
import static app.belfry.model.Payloads.json;
import static app.belfry.model.Payloads.jsonArray;
import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.NotificationCodec.Ack;
import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.SocketIOException;
import io.socket.engineio.client.EngineIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoding the {@code error} and {@code connect_error} events and the acks of client actions. */
class NotificationCodecErrorAndAckTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(NotificationCodec.LOGGER_NAME);

    private final NotificationCodec codec = new NotificationCodec();

    // ---- errors -------------------------------------------------------------------------------------------------

    @Test
    void decodesAnErrorWithAMessageOnly() {
        assertThat(codec.decodeError(json("{\"message\":\"Something broke\"}")))
                .contains(new SocketError("Something broke", null));
        log.assertNoWarning();
    }

    @Test
    void decodesAnErrorWithACode() {
        assertThat(codec.decodeError(json("{\"message\":\"Too many events\",\"code\":\"RATE_LIMITED\"}"), "offset"))
                .contains(new SocketError("Too many events", ErrorCodes.RATE_LIMITED));
        log.assertNoWarning();
    }

    @Test
    void decodesAnErrorWithACodeButNoMessage() {
        // docs/PROTOCOL.md, "Refusals and revocation": a session revoked later ends with an `error` event
        // {code: "UNAUTHORIZED"}.
        assertThat(codec.decodeError(json("{\"code\":\"UNAUTHORIZED\"}")))
                .hasValueSatisfying(error -> {
                    assertThat(error).isEqualTo(new SocketError("", ErrorCodes.UNAUTHORIZED));
                    assertThat(error.isUnauthorized()).isTrue();
                });
        log.assertNoWarning();
    }

    @Test
    void takesTheCodeOfAConnectErrorFromItsData() {
        JSONObject connectError = json("{\"message\":\"Invalid session\",\"data\":{\"code\":\"UNAUTHORIZED\"}}");
        assertThat(codec.decodeError(connectError)).contains(new SocketError("Invalid session", "UNAUTHORIZED"));
        Map<String, Object> map = Map.of("message", "Authentication required", "data", Map.of("code", "UNAUTHORIZED"));
        assertThat(codec.decodeError(map)).contains(new SocketError("Authentication required", "UNAUTHORIZED"));
        JsonNode node = NotificationCodec.mapper().valueToTree(map);
        assertThat(codec.decodeError(node)).contains(new SocketError("Authentication required", "UNAUTHORIZED"));
        log.assertNoWarning();
    }

    @Test
    void prefersATopLevelCodeToTheOneInData() {
        assertThat(codec.decodeError(json("{\"message\":\"m\",\"code\":\"FORBIDDEN\",\"data\":{\"code\":\"X\"}}")))
                .contains(new SocketError("m", "FORBIDDEN"));
    }

    @Test
    void readsABareStringAsTheMessage() {
        assertThat(codec.decodeError("Invalid namespace")).contains(new SocketError("Invalid namespace", null));
        assertThat(codec.decodeError("")).contains(new SocketError("", null));
        log.assertNoWarning();
    }

    @Test
    void parsesAStringOfJsonObjectText() {
        assertThat(codec.decodeError("{\"message\":\"Invalid session\",\"data\":{\"code\":\"UNAUTHORIZED\"}}"))
                .contains(new SocketError("Invalid session", "UNAUTHORIZED"));
        log.assertNoWarning();
    }

    @Test
    void readsAnExceptionsMessage() {
        assertThat(codec.decodeError(new IllegalStateException("boom"))).contains(new SocketError("boom", null));
        assertThat(codec.decodeError(new RuntimeException())).contains(new SocketError("RuntimeException", null));
        log.assertNoWarning();
    }

    @Test
    void readsTheCodeFieldOfAnEngineIoException() {
        EngineIOException transportError = new EngineIOException("server error");
        transportError.code = "UNAUTHORIZED";
        assertThat(codec.decodeError(transportError)).contains(new SocketError("server error", "UNAUTHORIZED"));

        // socket.io-client-java wraps it: the code then sits on the cause.
        SocketIOException wrapped = new SocketIOException("Connection error", transportError);
        assertThat(codec.decodeError(wrapped)).contains(new SocketError("Connection error", "UNAUTHORIZED"));

        assertThat(codec.decodeError(new EngineIOException("xhr poll error")))
                .contains(new SocketError("xhr poll error", null));
        log.assertNoWarning();
    }

    @Test
    void usesTheTextOfANumericCodeAndSaysSo() {
        assertThat(codec.decodeError(json("{\"message\":\"nope\",\"code\":401}")))
                .contains(new SocketError("nope", "401"));
        assertThat(log.assertOneWarning()).startsWith("Malformed error payload: code is a number");
    }

    @Test
    void combinesTheProblemsOfAnErrorIntoOneLine() {
        assertThat(codec.decodeError(json("{\"message\":{\"text\":\"x\"},\"code\":[\"A\"]}")))
                .contains(new SocketError("", null));
        assertThat(log.assertOneWarning()).contains("message is an object", "code is an array");
    }

    static Stream<Arguments> notAnErrorObject() {
        return Stream.of(Arguments.of(42), Arguments.of(true), Arguments.of(JSONObject.NULL),
                Arguments.of((Object) null), Arguments.of(jsonArray("[\"a\"]")), Arguments.of(List.of("a")));
    }

    @ParameterizedTest
    @MethodSource("notAnErrorObject")
    void rejectsAnErrorThatIsNotAnObjectOrString(Object payload) {
        assertThat(codec.decodeError(payload)).isEmpty();
        assertThat(log.assertOneWarning()).startsWith("Malformed error payload: payload is");
    }

    @Test
    void rejectsAnErrorEventWithoutArguments() {
        assertThat(codec.decodeError()).isEmpty();
        log.assertOneWarning();
    }

    // ---- acks ---------------------------------------------------------------------------------------------------

    @Test
    void decodesASuccessfulAck() {
        assertThat(codec.decodeAck(json("{\"success\":true}"))).isEqualTo(new Ack(true, List.of()));
        log.assertNoWarning();
    }

    @Test
    void decodesAFailedAck() {
        assertThat(codec.decodeAck(json("{\"success\":false}"))).isEqualTo(new Ack(false, List.of()));
        assertThat(codec.decodeAck(Map.of("success", false))).isEqualTo(new Ack(false, List.of()));
        log.assertNoWarning();
    }

    @Test
    void decodesTheUpdatedIdsOfABatchAck() {
        Ack expected = new Ack(true, List.of("a", "b"));
        assertThat(codec.decodeAck(json("{\"success\":true,\"updated\":[\"a\",\"b\"]}"))).isEqualTo(expected);
        Map<String, Object> map = Map.of("success", true, "updated", List.of("a", "b"));
        assertThat(codec.decodeAck(map)).isEqualTo(expected);
        assertThat(codec.decodeAck((Object) NotificationCodec.mapper().valueToTree(map))).isEqualTo(expected);
        assertThat(codec.decodeAck(Map.of("success", true, "updated", new String[] {"a", "b"}))).isEqualTo(expected);
        log.assertNoWarning();
    }

    @Test
    void dropsEntriesOfUpdatedThatAreNotIdsAndSaysSoOnce() {
        Ack ack = codec.decodeAck(json("{\"success\":true,\"updated\":[\"a\",1,null,{},\"\",[\"b\"],\"c\"]}"));
        assertThat(ack).isEqualTo(new Ack(true, List.of("a", "c")));
        assertThat(log.assertOneWarning()).contains("updated has entries that are not ids, dropped; their number: 5");

        Ack fromList = codec.decodeAck(Map.of("success", true, "updated", Arrays.asList("a", null, 2)));
        assertThat(fromList).isEqualTo(new Ack(true, List.of("a")));
        log.assertOneWarning();
    }

    @Test
    void ignoresAnUpdatedThatIsNotAnArray() {
        assertThat(codec.decodeAck(json("{\"success\":true,\"updated\":\"a\"}"))).isEqualTo(new Ack(true, List.of()));
        assertThat(log.assertOneWarning()).contains("updated is a string, not an array");
    }

    static Stream<Arguments> malformedAcks() {
        Map<String, Object> nullSuccess = new HashMap<>();
        nullSuccess.put("success", null);
        return Stream.of(
                Arguments.of("a string", "ok"),
                Arguments.of("a bare true", true),
                Arguments.of("a number", 1),
                Arguments.of("null", null),
                Arguments.of("JSONObject.NULL", JSONObject.NULL),
                Arguments.of("an array", jsonArray("[true]")),
                Arguments.of("an empty object", json("{}")),
                Arguments.of("a null success", nullSuccess),
                Arguments.of("a string success", json("{\"success\":\"true\"}")),
                Arguments.of("a number success", json("{\"success\":1,\"updated\":[\"a\"]}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAcks")
    void readsAMalformedAckAsAFailure(String description, Object payload) {
        assertThat(codec.decodeAck(payload).success()).isFalse();
        assertThat(log.assertOneWarning()).startsWith("Malformed ack: ");
    }

    @Test
    void readsAnAckWithoutArgumentsAsAFailure() {
        assertThat(codec.decodeAck()).isEqualTo(new Ack(false, List.of()));
        log.assertOneWarning();
    }

    @Test
    void ackListsAreImmutable() {
        Ack ack = codec.decodeAck(Map.of("success", true, "updated", List.of("a")));
        assertThat(ack.updated()).isUnmodifiable();
        assertThat(new Ack(false, null).updated()).isEmpty();
    }
}

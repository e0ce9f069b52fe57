package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.parser.IOParser;
import io.socket.parser.Packet;
import io.socket.parser.Parser;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JacksonPacketDecoderTest {

    private static List<Packet<?>> decode(Parser.Decoder decoder, String text) {
        List<Packet<?>> out = new ArrayList<>();
        decoder.onDecoded(out::add);
        try {
            decoder.add(text);
        } catch (RuntimeException e) {
            // the library's DecodingException: no packet
        }
        return out;
    }

    @Test
    void anEventWithANamespaceAndAnOffsetBecomesJacksonNodes() throws Exception {
        Packet<JSONArray> packet = JacksonPacketDecoder.decode(
                "2/notifications,[\"notification:new\",{\"id\":\"a\",\"read\":false},\"offset-1\"]");
        assertThat(packet.type).isEqualTo(Parser.EVENT);
        assertThat(packet.nsp).isEqualTo("/notifications");
        assertThat(packet.id).isEqualTo(-1);
        assertThat(packet.data.length()).isEqualTo(3);
        assertThat(packet.data.get(0)).isEqualTo("notification:new");
        assertThat(packet.data.get(1)).isEqualTo(java.util.Map.of("id", "a", "read", false));
        assertThat(packet.data.get(2)).isEqualTo("offset-1");
    }

    @Test
    void nestedValuesOfAnObjectBecomeJacksonNodes() throws Exception {
        Packet<JSONArray> packet = JacksonPacketDecoder.decode("2/n,[\"e\", { \"a\" : {\"b\": \"}\"} } , 3]");
        assertThat(((java.util.Map<?, ?>) packet.data.get(1)).get("a").toString()).isEqualTo("{\"b\":\"}\"}");
        assertThat(packet.data.get(2)).isEqualTo(3);
    }

    @Test
    void anAckKeepsItsId() throws Exception {
        Packet<JSONArray> packet = JacksonPacketDecoder.decode("3/notifications,17[{\"success\":true}]");
        assertThat(packet.type).isEqualTo(Parser.ACK);
        assertThat(packet.id).isEqualTo(17);
        assertThat(packet.data.get(0)).isEqualTo(java.util.Map.of("success", true));
    }

    @Test
    void scalarsBecomeJavaValues() throws Exception {
        Packet<JSONArray> packet = JacksonPacketDecoder.decode("2[\"x\",1,2.5,true,null,\"s\",[1, {\"a\": [2]}]]");
        assertThat(packet.nsp).isEqualTo("/");
        assertThat(packet.data.get(1)).isEqualTo(1);
        assertThat(packet.data.get(2)).isEqualTo(2.5);
        assertThat(packet.data.get(3)).isEqualTo(true);
        assertThat(packet.data.get(4)).isEqualTo(JSONObject.NULL);
        assertThat(packet.data.get(6)).isInstanceOf(JsonNode.class);
        assertThat(packet.data.get(6).toString()).isEqualTo("[1,{\"a\":[2]}]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/notifications,{\"sid\":\"abc\"}", "4/notifications,{\"message\":\"Invalid session\"}",
        "1/notifications,"})
    void otherPacketsGoToTheLibrarysDecoder(String text) {
        List<Packet<?>> ours = decode(new JacksonPacketDecoder(), text);
        List<Packet<?>> theirs = decode(new IOParser.Decoder(), text);
        assertThat(ours).hasSameSizeAs(theirs);
        assertThat(ours.get(0).type).isEqualTo(theirs.get(0).type);
        assertThat(String.valueOf(ours.get(0).data)).isEqualTo(String.valueOf(theirs.get(0).data));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2/notifications,[1,2]", "2/notifications,[]", "2/notifications,[\"x\"", "2[\"x\"]]",
        "2/notifications,{\"a\":1}", "2/notifications", "2/notifications,[\"x\",{\"a\":}]"})
    void whatItCannotReadGetsTheLibrarysVerdict(String text) {
        assertThat(JacksonPacketDecoder.decode(text)).isNull();
        List<Packet<?>> ours = decode(new JacksonPacketDecoder(), text);
        List<Packet<?>> theirs = decode(new IOParser.Decoder(), text);
        assertThat(ours).hasSameSizeAs(theirs);
    }

    @Test
    void readAheadDecodesTheEventsAndAcksOfMessageFrames() {
        Packet<JSONArray> event = JacksonPacketDecoder.readAhead("42/notifications,[\"notification:new\",{\"id\":\"a\"}]");
        assertThat(event.type).isEqualTo(Parser.EVENT);
        assertThat(event.nsp).isEqualTo("/notifications");
        assertThat(event.data.length()).isEqualTo(2);
        Packet<JSONArray> ack = JacksonPacketDecoder.readAhead("43/notifications,4[{\"success\":true}]");
        assertThat(ack.type).isEqualTo(Parser.ACK);
        assertThat(ack.id).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3probe", "40/notifications,{\"sid\":\"x\"}", "44/notifications,{}", "4", "42",
        "42/notifications,[", "451-/notifications,[\"e\",{\"_placeholder\":true,\"num\":0}]",
        "0{\"sid\":\"s\"}"})
    void readAheadLeavesEverythingElseToTheLibrary(String frame) {
        assertThat(JacksonPacketDecoder.readAhead(frame)).isNull();
    }

    @Test
    void aPacketDecodedAheadIsHandedOverWithoutReadingTheTextAgain() {
        JacksonPacketDecoder decoder = new JacksonPacketDecoder();
        List<Packet<?>> out = new ArrayList<>();
        decoder.onDecoded(out::add);
        String frame = "42/notifications,[\"notification:new\",{\"id\":\"a\"}]";
        Packet<JSONArray> ahead = JacksonPacketDecoder.readAhead(frame);

        decoder.deliver(ahead, frame, () -> decoder.add(frame.substring(1)));
        assertThat(out).singleElement().isSameAs(ahead);

        // After delivery, and for a text that is not the frame's (the library dropped the frame), it parses again.
        decoder.add(frame.substring(1));
        decoder.deliver(ahead, frame, () -> decoder.add("2/notifications,[\"other\"]"));
        assertThat(out).hasSize(3);
        assertThat(out.get(1)).isNotSameAs(ahead);
        assertThat(((JSONArray) out.get(2).data).opt(0)).isEqualTo("other");
    }
}

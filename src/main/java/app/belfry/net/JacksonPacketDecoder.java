package app.belfry.net;

import app.belfry.model.NotificationCodec;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.socket.parser.IOParser;
import io.socket.parser.Packet;
import io.socket.parser.Parser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Decodes Socket.IO text packets of the hot path, EVENT and ACK, with Jackson instead of org.json.
 *
 * <p>socket.io-client-java parses every payload with org.json's tokenizer, which appends each character to a
 * synchronized StringBuffer: profiling a flood showed most of the event thread's time there. This decoder reads the
 * packet's header itself and the JSON with Jackson in one streaming pass, and hands socket.io-client a JSONArray
 * whose object elements are maps of their fields (NotificationCodec.readObject; scalars are Java values, arrays
 * Jackson nodes), which NotificationCodec reads as they are. Every other packet
 * (CONNECT with its {@code sid}, CONNECT_ERROR, binary packets) and anything this decoder cannot read goes to the
 * library's own decoder, so behaviour on odd input is the library's.
 */
final class JacksonPacketDecoder implements Parser.Decoder {

    private static final ObjectMapper JSON = NotificationCodec.mapper();
    /** Reads one value in the middle of the array: the shared mapper's check for trailing tokens must not apply. */
    private static final ObjectReader ELEMENT = JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final com.fasterxml.jackson.core.JsonFactory FACTORY = JSON.getFactory().copy()
            .disable(com.fasterxml.jackson.core.JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);

    private final IOParser.Decoder fallback = new IOParser.Decoder();
    private Callback callback;
    /** A packet decoded ahead on the reading thread, for the one text that the event thread hands over next. */
    private Packet<JSONArray> ahead;
    private int aheadLength = -1;

    /**
     * Decodes, on the thread that reads the WebSocket, the packet an engine.io message frame ({@code 4…}) carries,
     * so that the event thread does not have to; null when it is not an EVENT or ACK this decoder reads.
     */
    static Packet<JSONArray> readAhead(String frame) {
        if (frame.length() > 2 && frame.charAt(0) == '4'
                && (frame.charAt(1) == '0' + Parser.EVENT || frame.charAt(1) == '0' + Parser.ACK)) {
            return decode(frame, 1);
        }
        return null;
    }

    /**
     * Runs {@code delivery} (the library's handling of one frame, on the event thread) with {@code packet} as the
     * decoding of the message it hands this decoder: the text is not read again.
     */
    void deliver(Packet<JSONArray> packet, String frame, Runnable delivery) {
        ahead = packet;
        aheadLength = frame.length() - 1; // engine.io strips its one-character packet type
        try {
            delivery.run();
        } finally {
            ahead = null;
            aheadLength = -1;
        }
    }

    @Override
    public void add(String text) {
        if (ahead != null && text.length() == aheadLength) {
            Packet<JSONArray> packet = ahead;
            ahead = null;
            if (callback != null) {
                callback.call(packet);
            }
            return;
        }
        if (!text.isEmpty() && (text.charAt(0) == '0' + Parser.EVENT || text.charAt(0) == '0' + Parser.ACK)) {
            Packet<JSONArray> packet = decode(text, 0);
            if (packet != null) {
                if (callback != null) {
                    callback.call(packet);
                }
                return;
            }
        }
        fallback.add(text);
    }

    @Override
    public void add(byte[] data) {
        fallback.add(data);
    }

    @Override
    public void destroy() {
        fallback.destroy();
    }

    @Override
    public void onDecoded(Callback value) {
        callback = value;
        fallback.onDecoded(value);
    }

    /** {@code 2/nsp,12["event",{…}]} and {@code 3/nsp,12[…]}; null when it is not one this decoder reads. */
    static Packet<JSONArray> decode(String text) {
        return decode(text, 0);
    }

    /** The same, for the packet that starts at {@code start}. */
    static Packet<JSONArray> decode(String text, int start) {
        int type = text.charAt(start) - '0';
        int i = start + 1;
        int length = text.length();
        String nsp = "/";
        if (i < length && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            if (comma < 0) {
                return null;
            }
            nsp = text.substring(i, comma);
            i = comma + 1;
        }
        int id = -1;
        int idStart = i;
        while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i > idStart) {
            if (i - idStart > 9) {
                return null;
            }
            id = Integer.parseInt(text, idStart, i, 10);
        }
        if (i >= length || text.charAt(i) != '[') {
            return null;
        }
        List<Object> items = new ArrayList<>(3);
        char[] json = new char[length - i]; // one copy: Jackson would copy a substring again
        text.getChars(i, length, json, 0);
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    return null;
                }
                items.add(switch (token) {
                    case VALUE_STRING -> parser.getText();
                    case VALUE_NULL -> JSONObject.NULL;
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case VALUE_NUMBER_INT -> parser.getNumberValue();
                    case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                    case START_OBJECT -> NotificationCodec.readObject(parser);
                    default -> ELEMENT.readTree(parser); // arrays become Jackson nodes
                });
            }
            if (parser.nextToken() != null) {
                return null; // trailing garbage: let the library judge it
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (type == Parser.EVENT && (items.isEmpty() || !(items.get(0) instanceof String))) {
            return null;
        }
        Packet<JSONArray> packet = new Packet<>(type, new JSONArray(items));
        packet.nsp = nsp;
        packet.id = id;
        return packet;
    }
}

package app.belfry.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Renders a payload as JSON-like text for a log line, stopping after a budget of characters. It walks the value
 * itself instead of calling {@code toString()}, so a megabyte payload costs a few hundred characters of work, not
 * a megabyte copy.
 */
final class PayloadExcerpt {

    /** The budget for a whole payload. */
    static final int PAYLOAD_CHARS = 200;
    /** The budget for one offending field value. */
    static final int VALUE_CHARS = 60;

    private static final char ELLIPSIS = '\u2026';

    private final StringBuilder out = new StringBuilder();
    private final int limit;

    private PayloadExcerpt(int limit) {
        this.limit = limit;
    }

    /** The value rendered, cut to about {@code limit} characters with an ellipsis when it is longer. */
    static String of(Object value, int limit) {
        PayloadExcerpt excerpt = new PayloadExcerpt(limit);
        if (!excerpt.append(value)) {
            excerpt.out.setLength(limit);
            excerpt.out.append(ELLIPSIS);
        }
        return excerpt.out.toString();
    }

    /** Appends a value; false once the budget is spent (the caller then stops). */
    private boolean append(Object value) {
        if (full()) {
            return false;
        }
        Object plain = JsonValues.plain(value);
        if (plain == null) {
            return raw("null");
        }
        if (plain instanceof String text) {
            return quoted(text);
        }
        if (plain instanceof Number || plain instanceof Boolean) {
            return raw(plain.toString());
        }
        if (plain instanceof JSONObject json) {
            return object(json.keys(), key -> json.opt((String) key));
        }
        if (plain instanceof Map<?, ?> map) {
            return object(map.keySet().iterator(), map::get);
        }
        if (plain instanceof JsonNode node && node.isObject()) {
            return object(node.fieldNames(), key -> node.get((String) key));
        }
        if (plain instanceof JSONArray json) {
            out.append('[');
            for (int i = 0, n = json.length(); i < n; i++) {
                if ((i > 0 && !raw(",")) || !append(json.opt(i))) {
                    return false;
                }
            }
            return raw("]");
        }
        if (plain instanceof Collection<?> collection) {
            return array(collection.iterator());
        }
        if (plain instanceof Object[] elements) {
            return array(Arrays.asList(elements).iterator());
        }
        if (plain instanceof JsonNode node && node.isArray()) {
            return array(node.elements());
        }
        if (plain instanceof Throwable thrown) {
            String message = thrown.getMessage();
            return raw(thrown.getClass().getName()) && (message == null || (raw(": ") && raw(message)));
        }
        return raw(String.valueOf(plain));
    }

    private boolean object(Iterator<?> keys, Function<Object, Object> get) {
        out.append('{');
        boolean first = true;
        while (keys.hasNext()) {
            Object key = keys.next();
            if ((!first && !raw(",")) || !quoted(String.valueOf(key)) || !raw(":") || !append(get.apply(key))) {
                return false;
            }
            first = false;
        }
        return raw("}");
    }

    private boolean array(Iterator<?> elements) {
        out.append('[');
        boolean first = true;
        while (elements.hasNext()) {
            if ((!first && !raw(",")) || !append(elements.next())) {
                return false;
            }
            first = false;
        }
        return raw("]");
    }

    private boolean quoted(String text) {
        out.append('"');
        for (int i = 0, n = text.length(); i < n; i++) {
            if (full()) {
                return false;
            }
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return raw("\"");
    }

    /** Appends text as it is, no further than the budget. */
    private boolean raw(String text) {
        // One character past the budget is enough to know that the text was cut.
        int room = limit + 1 - out.length();
        if (room <= 0) {
            return false;
        }
        out.append(text, 0, Math.min(text.length(), room));
        return !full();
    }

    private boolean full() {
        return out.length() > limit;
    }
}

package app.belfry.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Reads JSON-like values from the three families a payload can come in: org.json (what socket.io-client-java
 * hands to listeners), Jackson's {@link JsonNode}, and plain {@code java.util} maps and lists (what a
 * Jackson-based server hands over). A "plain" value is null (absent or JSON null), a String, a Number, a Boolean,
 * or a nested object or array of any family.
 */
final class JsonValues {

    private JsonValues() {
    }

    static boolean isObject(Object value) {
        return value instanceof JSONObject || value instanceof Map
                || (value instanceof JsonNode node && node.isObject());
    }

    static boolean isArray(Object value) {
        return value instanceof JSONArray || value instanceof Collection || value instanceof Object[]
                || (value instanceof JsonNode node && node.isArray());
    }

    /** The named field of an object (see {@link #isObject}) as a plain value; null when there is none. */
    static Object field(Object object, String name) {
        if (object instanceof JSONObject json) {
            return plain(json.opt(name));
        }
        if (object instanceof Map<?, ?> map) {
            return plain(map.get(name));
        }
        if (object instanceof JsonNode node) {
            return plain(node.get(name));
        }
        return null;
    }

    /** The elements of an array (see {@link #isArray}) as plain values. */
    static List<Object> elements(Object array) {
        List<Object> out = new ArrayList<>();
        if (array instanceof JSONArray json) {
            for (int i = 0, n = json.length(); i < n; i++) {
                out.add(plain(json.opt(i)));
            }
        } else if (array instanceof Collection<?> collection) {
            for (Object element : collection) {
                out.add(plain(element));
            }
        } else if (array instanceof Object[] elements) {
            for (Object element : elements) {
                out.add(plain(element));
            }
        } else if (array instanceof JsonNode node) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                out.add(plain(it.next()));
            }
        }
        return out;
    }

    /** The value with JSON nulls turned into null and Jackson scalars into their Java values. */
    static Object plain(Object value) {
        // JSONObject.NULL equals null but is not null: compare by identity.
        if (value == JSONObject.NULL) {
            return null;
        }
        if (value instanceof JsonNode node) {
            switch (node.getNodeType()) {
                case STRING:
                    return node.textValue();
                case NUMBER:
                    return node.numberValue();
                case BOOLEAN:
                    return node.booleanValue();
                case NULL:
                case MISSING:
                    return null;
                default:
                    return node;
            }
        }
        return value;
    }

    /** The JSON type of a plain value, for warnings: "string", "number", "object", ... */
    static String typeName(Object plain) {
        if (plain == null) {
            return "null";
        }
        if (plain instanceof String) {
            return "string";
        }
        if (plain instanceof Number) {
            return "number";
        }
        if (plain instanceof Boolean) {
            return "boolean";
        }
        if (isObject(plain)) {
            return "object";
        }
        if (isArray(plain)) {
            return "array";
        }
        if (plain instanceof Throwable) {
            return "exception";
        }
        return plain.getClass().getSimpleName();
    }

    /** The text of a number or boolean as JavaScript would print it (an integral double prints without ".0"). */
    static String scalarText(Object plain) {
        if (plain instanceof Double || plain instanceof Float) {
            double d = ((Number) plain).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return plain.toString();
        }
        if (plain instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(plain);
    }

    /** The number as epoch-style whole milliseconds, or null when it is not finite or does not fit a long. */
    static Long wholeNumber(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() < 64 ? big.longValue() : null;
        }
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 9.2e18) {
            return null;
        }
        return (long) Math.floor(d);
    }
}

package app.belfry.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/** Test payloads in the shapes socket.io-client-java and a Jackson server hand over. */
final class Payloads {

    static final String ID = "8f14e45f-ceea-467f-a0e6-4d9a7e1f2b3c";
    static final String CREATED_AT = "2026-11-25T10:15:00.000Z";

    private Payloads() {
    }

    /** A valid notification as a mutable map, in the contract's field order. */
    static Map<String, Object> validMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", ID);
        map.put("type", "success");
        map.put("title", "Build finished");
        map.put("message", "main is green");
        map.put("createdAt", CREATED_AT);
        map.put("read", false);
        return map;
    }

    static Map<String, Object> validMapWith(String key, Object value) {
        Map<String, Object> map = validMap();
        map.put(key, value);
        return map;
    }

    static Map<String, Object> validMapWithout(String key) {
        Map<String, Object> map = validMap();
        map.remove(key);
        return map;
    }

    /** A valid notification as org.json hands it to a listener. */
    static JSONObject validJson() {
        return json(validMap());
    }

    /** The map as org.json objects; a null value becomes JSONObject.NULL (org.json's put(k, null) removes k). */
    static JSONObject json(Map<String, ?> map) {
        try {
            JSONObject object = new JSONObject();
            for (Map.Entry<String, ?> entry : map.entrySet()) {
                object.put(entry.getKey(), entry.getValue() == null ? JSONObject.NULL : entry.getValue());
            }
            return object;
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    static JSONObject json(String text) {
        try {
            return new JSONObject(text);
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    static JSONArray jsonArray(String text) {
        try {
            return new JSONArray(text);
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }
}

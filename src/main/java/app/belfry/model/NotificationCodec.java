package app.belfry.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

// TEMPORARY STUB: replaced by the codec branch
public final class NotificationCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static ObjectMapper mapper() { return MAPPER; }
    public Map<String, Object> toMap(Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id()); m.put("type", n.type().wireName()); m.put("title", n.title()); m.put("message", n.message());
        m.put("createdAt", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC).format(n.createdAt()));
        m.put("read", n.read());
        return m;
    }
    public static Optional<Instant> parseInstant(Object o) {
        try { return Optional.of(Instant.parse(String.valueOf(o))); } catch (Exception e) { return Optional.empty(); }
    }
}

package app.belfry.model;

import app.belfry.model.CodecWarnings.Problem;
import app.belfry.model.CodecWarnings.Problems;
import app.belfry.model.NotificationCodec.Ack;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The replies of the server that are not notifications: errors and acks. {@link NotificationCodec} is the API. */
final class ReplyDecoder {

    private static final String BAD_ERROR = "Malformed error payload";
    private static final String BAD_ACK = "Malformed ack";

    private final CodecWarnings warnings;

    ReplyDecoder(CodecWarnings warnings) {
        this.warnings = warnings;
    }

    // ---- errors ----------------------------------------------------------------------------------------------

    /** See {@link NotificationCodec#decodeError}. */
    Optional<SocketError> decodeError(Object... args) {
        if (args == null || args.length == 0) {
            warnings.warn(BAD_ERROR, null, Problems.of(NotificationCodec.NO_ARGUMENTS), null, false);
            return Optional.empty();
        }
        Object payload = args[0];
        try {
            Object plain = JsonValues.plain(payload);
            if (plain instanceof Throwable thrown) {
                return Optional.of(fromThrowable(thrown));
            }
            Object object = NotificationCodec.asObject(plain);
            if (object == null && plain instanceof String text) {
                Problems problems = new Problems();
                String message = NotificationCodec.text(text, "message", problems);
                warnings.warn(BAD_ERROR, null, problems, payload, true);
                return Optional.of(new SocketError(message, null));
            }
            if (object == null) {
                warnings.warn(BAD_ERROR, null, Problems.of(NotificationCodec.notAnObject(payload)), payload, true);
                return Optional.empty();
            }
            Problems problems = new Problems();
            String message = NotificationCodec.text(JsonValues.field(object, "message"), "message", problems);
            String code = code(JsonValues.field(object, "code"), "code", problems);
            if (code == null) {
                Object data = JsonValues.field(object, "data");
                if (JsonValues.isObject(data)) {
                    code = code(JsonValues.field(data, "code"), "data.code", problems);
                }
            }
            warnings.warn(BAD_ERROR, null, problems, payload, true);
            return Optional.of(new SocketError(message, code));
        } catch (RuntimeException e) {
            warnings.warn(BAD_ERROR, null, Problems.of(Problem.quoting(null, "could not be read:", e)), payload, true);
            return Optional.empty();
        }
    }

    private static String code(Object raw, String field, Problems problems) {
        if (raw == null || raw instanceof String) {
            return (String) raw;
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            problems.add(Problem.typed(field, "is {type}, not a string; its text is used", raw));
            return JsonValues.scalarText(raw);
        }
        problems.add(Problem.typed(field, "is {type}, not a string; ignored", raw));
        return null;
    }

    private static SocketError fromThrowable(Throwable thrown) {
        String message = thrown.getMessage();
        if (message == null) {
            message = thrown.getClass().getSimpleName();
        }
        // socket.io-client-java wraps the transport's EngineIOException, whose public field `code` carries it.
        String code = null;
        Throwable cause = thrown;
        for (int depth = 0; cause != null && code == null && depth < 8; depth++) {
            code = codeField(cause);
            cause = cause.getCause();
        }
        return new SocketError(message, code);
    }

    private static String codeField(Throwable thrown) {
        try {
            Field field = thrown.getClass().getField("code");
            Object value = field.get(thrown);
            return value == null ? null : value.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    // ---- acks ------------------------------------------------------------------------------------------------

    /** See {@link NotificationCodec#decodeAck}. */
    Ack decodeAck(Object... args) {
        if (args == null || args.length == 0) {
            warnings.warn(BAD_ACK, null, Problems.of(NotificationCodec.NO_ARGUMENTS), null, false);
            return new Ack(false, List.of());
        }
        Object payload = args[0];
        try {
            Object object = NotificationCodec.asObject(payload);
            if (object == null) {
                warnings.warn(BAD_ACK, null, Problems.of(NotificationCodec.notAnObject(payload)), payload, true);
                return new Ack(false, List.of());
            }
            Problems problems = new Problems();
            Object rawSuccess = JsonValues.field(object, "success");
            boolean success = rawSuccess instanceof Boolean value && value;
            if (!(rawSuccess instanceof Boolean)) {
                problems.add(rawSuccess == null ? Problem.of("success", "is missing, read as false")
                        : Problem.typed("success", "is {type}, not a boolean; read as false", rawSuccess));
            }
            List<String> updated = updated(JsonValues.field(object, "updated"), problems);
            warnings.warn(BAD_ACK, null, problems, payload, true);
            return new Ack(success, updated);
        } catch (RuntimeException e) {
            warnings.warn(BAD_ACK, null, Problems.of(Problem.quoting(null, "could not be read:", e)), payload, true);
            return new Ack(false, List.of());
        }
    }

    private static List<String> updated(Object raw, Problems problems) {
        if (raw == null) {
            return List.of();
        }
        if (!JsonValues.isArray(raw)) {
            problems.add(Problem.typed("updated", "is {type}, not an array; ignored", raw));
            return List.of();
        }
        List<Object> elements = JsonValues.elements(raw);
        List<String> ids = new ArrayList<>(elements.size());
        int dropped = 0;
        for (Object element : elements) {
            if (element instanceof String id && !id.isBlank() && id.length() <= NotificationCodec.MAX_ID_LENGTH) {
                ids.add(id);
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            problems.add(Problem.quoting("updated", "has entries that are not ids, dropped; their number:", dropped));
        }
        return ids;
    }
}

package app.belfry.model;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The codec's one warning line per bad payload: what was wrong with it, all of it on one line, and an excerpt of
 * the payload. Nothing is formatted unless the line is really logged, and a flood is thinned by a
 * {@link WarningLimiter}.
 */
final class CodecWarnings {

    private static final System.Logger LOG = System.getLogger(NotificationCodec.LOGGER_NAME);

    /** Marks a problem without a value worth quoting. */
    private static final Object NO_VALUE = new Object();
    /** In a problem's wording, replaced by the JSON type of its value with an article: "a number", "an array". */
    private static final String TYPE = "{type}";

    private final WarningLimiter limiter;

    CodecWarnings(Clock clock) {
        this.limiter = new WarningLimiter(clock);
    }

    /** One thing wrong with a payload, kept raw until a warning is formatted. */
    record Problem(String field, String wording, Object value) {

        /** "field wording". */
        static Problem of(String field, String wording) {
            return new Problem(field, wording, NO_VALUE);
        }

        /** "field wording value", the value quoted as JSON and cut. */
        static Problem quoting(String field, String wording, Object value) {
            return new Problem(field, wording, value);
        }

        /** "field wording" with {type} in the wording replaced by the value's JSON type. */
        static Problem typed(String field, String wording, Object value) {
            return new Problem(field, wording, new TypeOf(value));
        }

        void appendTo(StringBuilder line) {
            if (field != null) {
                line.append(field).append(' ');
            }
            if (value instanceof TypeOf typeOf) {
                line.append(wording.replace(TYPE, withArticle(JsonValues.typeName(typeOf.value()))));
            } else {
                line.append(wording);
                if (value != NO_VALUE) {
                    line.append(' ').append(PayloadExcerpt.of(value, PayloadExcerpt.VALUE_CHARS));
                }
            }
        }

        private static String withArticle(String typeName) {
            if (typeName.equals("null")) {
                return typeName;
            }
            char first = typeName.charAt(0);
            return (first == 'a' || first == 'e' || first == 'i' || first == 'o' || first == 'u' ? "an " : "a ")
                    + typeName;
        }
    }

    private record TypeOf(Object value) {
    }

    /** The problems of one payload; holds no list until there is one. */
    static final class Problems {
        private List<Problem> list;

        void add(Problem problem) {
            if (list == null) {
                list = new ArrayList<>(2);
            }
            list.add(problem);
        }

        boolean isEmpty() {
            return list == null;
        }

        static Problems of(Problem problem) {
            Problems problems = new Problems();
            problems.add(problem);
            return problems;
        }
    }

    /**
     * Logs one line, unless the log is off for warnings or too many were logged in the last minute.
     *
     * @param headline what happened to the payload: "Rejected a notification", ...
     * @param id the notification's id when it has a usable one, else null
     * @param payload the payload as it came, quoted cut to {@link PayloadExcerpt#PAYLOAD_CHARS}
     * @param hasPayload false when the event came without any payload to quote
     */
    void warn(String headline, String id, Problems problems, Object payload, boolean hasPayload) {
        if (problems.isEmpty() || !LOG.isLoggable(Level.WARNING)) {
            return;
        }
        long suppressed = limiter.tryAcquire();
        if (suppressed == WarningLimiter.DENIED) {
            return;
        }
        String line;
        try {
            line = format(suppressed, headline, id, problems, payload, hasPayload);
        } catch (RuntimeException e) {
            // A payload can break while it is quoted (a map that throws): the warning must not break the caller.
            String unquotable = " (the payload could not be quoted: " + e.getClass().getName() + ")";
            try {
                line = format(suppressed, headline, id, problems, null, false) + unquotable;
            } catch (RuntimeException again) {
                line = headline + unquotable;
            }
        }
        LOG.log(Level.WARNING, line);
    }

    private static String format(long suppressed, String headline, String id, Problems problems, Object payload,
            boolean hasPayload) {
        StringBuilder line = new StringBuilder(256);
        if (suppressed > 0) {
            line.append('(').append(suppressed).append(" similar warning").append(suppressed == 1 ? " was" : "s were")
                    .append(" suppressed since the last one: more than ").append(WarningLimiter.MAX_PER_WINDOW)
                    .append(" a minute) ");
        }
        line.append(headline);
        if (id != null) {
            line.append(' ').append(PayloadExcerpt.of(id, PayloadExcerpt.VALUE_CHARS));
        }
        line.append(": ");
        boolean first = true;
        for (Problem problem : problems.list) {
            if (!first) {
                line.append("; ");
            }
            problem.appendTo(line);
            first = false;
        }
        if (hasPayload) {
            line.append(". Payload: ").append(PayloadExcerpt.of(payload, PayloadExcerpt.PAYLOAD_CHARS));
        }
        return line.toString();
    }
}

package app.belfry.net;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * A log filter that blanks out every secret it has been told of (tokens, cookie values, passwords) in every record,
 * socket.io-client's own debug lines included (they print the CONNECT packet with its auth object).
 */
public final class SecretRedactor implements Filter {

    private static final String MASK = "[secret]";
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final SimpleFormatter formatter = new SimpleFormatter();

    /** Remembers a secret; short strings are ignored, since masking them would mangle ordinary text. */
    public void register(String secret) {
        if (secret != null && secret.length() >= 6) {
            secrets.add(secret);
        }
    }

    public void register(Credentials credentials) {
        if (credentials instanceof Credentials.BearerToken token) {
            register(token.token());
        } else if (credentials instanceof Credentials.SessionCookie cookie) {
            register(cookie.value());
        }
    }

    /** The text with every known secret masked. */
    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!secrets.isEmpty()) {
            String formatted = formatter.formatMessage(record);
            String redacted = redact(formatted);
            if (!redacted.equals(formatted) || record.getParameters() != null) {
                record.setMessage(redacted);
                record.setParameters(null);
            }
        }
        return true;
    }
}

package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @Test
    void masksEveryRegisteredSecretInFormattedRecords() {
        SecretRedactor redactor = new SecretRedactor();
        redactor.register(new Credentials.BearerToken("tok-123456"));
        redactor.register(new Credentials.SessionCookie("better-auth.session_token", "cookie-abcdef"));
        LogRecord record = new LogRecord(Level.FINE, "encoded {0} with {1}");
        record.setParameters(new Object[] {"0/notifications,{\"token\":\"tok-123456\"}", "cookie-abcdef"});
        assertThat(redactor.isLoggable(record)).isTrue();
        assertThat(record.getMessage()).isEqualTo("encoded 0/notifications,{\"token\":\"[secret]\"} with [secret]");
    }

    @Test
    void shortStringsAreNotTreatedAsSecrets() {
        SecretRedactor redactor = new SecretRedactor();
        redactor.register("abc");
        assertThat(redactor.redact("abcdef")).isEqualTo("abcdef");
    }
}

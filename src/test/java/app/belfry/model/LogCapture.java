package app.belfry.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Collects what the codec logs during one test, through a java.util.logging handler on its logger. */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    // Held strongly: java.util.logging keeps loggers only weakly, and a collected logger loses its handler.
    private static final Logger LOGGER = Logger.getLogger(NotificationCodec.LOGGER_NAME);

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        handler.setLevel(Level.ALL);
        LOGGER.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LOGGER.removeHandler(handler);
    }

    List<String> warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
    }

    void clear() {
        records.clear();
    }

    void assertNoWarning() {
        assertThat(warnings()).isEmpty();
    }

    /** Runs the action and asserts that it logged exactly one warning, which it returns. */
    String assertOneWarning(Runnable action) {
        records.clear();
        action.run();
        return assertOneWarning();
    }

    /** Asserts that exactly one warning was logged since the last clear, returns it, and clears. */
    String assertOneWarning() {
        List<String> warnings = warnings();
        assertThat(warnings).hasSize(1);
        records.clear();
        return warnings.get(0);
    }
}

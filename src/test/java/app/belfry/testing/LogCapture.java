package app.belfry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects what one logger (and its children) logs during a test: as a JUnit extension
 * ({@code @RegisterExtension}), or by hand with {@link #start} and {@link #stop}. Lines are formatted as the
 * console would print them, so a test can look for what a user would read (and for secrets that must not be there).
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger; // held strongly: java.util.logging keeps loggers only weakly
    private final SimpleFormatter formatter = new SimpleFormatter();
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

    public LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        handler.setLevel(Level.ALL);
    }

    /** Starts collecting now (outside the extension's life cycle); {@link #stop} ends it. */
    public LogCapture start() {
        records.clear();
        logger.addHandler(handler);
        return this;
    }

    public void stop() {
        logger.removeHandler(handler);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }

    /** Every line logged so far, formatted. */
    public List<String> lines() {
        return records.stream().map(formatter::formatMessage).toList();
    }

    /** The lines logged at exactly this level. */
    public List<String> lines(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).map(formatter::formatMessage).toList();
    }

    public List<String> warnings() {
        return lines(Level.WARNING);
    }

    public void clear() {
        records.clear();
    }

    public void assertNoWarning() {
        assertThat(warnings()).isEmpty();
    }

    /** Runs the action and asserts that it logged exactly one warning, which it returns. */
    public String assertOneWarning(Runnable action) {
        records.clear();
        action.run();
        return assertOneWarning();
    }

    /** Asserts that exactly one warning was logged since the last clear, returns it, and clears. */
    public String assertOneWarning() {
        List<String> warnings = warnings();
        assertThat(warnings).hasSize(1);
        records.clear();
        return warnings.get(0);
    }
}

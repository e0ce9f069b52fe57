package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UncaughtExceptionsTest {

    /** What was logged: the message, and whether a stack trace came with it. */
    private record Line(String message, Throwable thrown) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final UncaughtExceptions handler = new UncaughtExceptions(new System.Logger() {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(new Line(msg, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(new Line(format, null));
        }
    }, now::get);

    /** Thrown at one site every time, with a message that differs each time (as an index would). */
    private static RuntimeException outOfBounds(int index) {
        return at(new ArrayIndexOutOfBoundsException("index " + index), "FilteredList", "addRemove");
    }

    private static RuntimeException elsewhere() {
        return at(new IllegalStateException("another bug"), "Store", "apply");
    }

    private static RuntimeException at(RuntimeException e, String className, String method) {
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, method, className + ".java", 10),
                new StackTraceElement("Caller", "call", "Caller.java", 20)});
        return e;
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void theFirstOfAKindIsLoggedInFullAndRepeatsAreCountedInOneLineAMinuteAtMost() {
        Thread fx = new Thread(() -> { }, "JavaFX Application Thread");
        handler.uncaughtException(fx, outOfBounds(105));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).thrown()).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThat(lines.get(0).message()).contains("JavaFX Application Thread");

        for (int i = 0; i < 2_000; i++) { // a burst: 2,000 more within the minute
            handler.uncaughtException(fx, outOfBounds(i));
            advanceSeconds(i % 100 == 0 ? 1 : 0);
        }
        assertThat(lines).as("nothing more within the minute").hasSize(1);

        advanceSeconds(60);
        handler.uncaughtException(fx, outOfBounds(7));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).thrown()).isNull();
        assertThat(lines.get(1).message()).contains("ArrayIndexOutOfBoundsException").contains("2001 more times");

        handler.uncaughtException(fx, outOfBounds(8));
        handler.reportRepeats();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2).message()).contains("1 more time ");
        handler.reportRepeats();
        assertThat(lines).as("nothing left to report").hasSize(3);
    }

    @Test
    void anotherKindIsLoggedInFullToo() {
        Thread thread = new Thread(() -> { }, "worker");
        handler.uncaughtException(thread, outOfBounds(1));
        handler.uncaughtException(thread, elsewhere());
        handler.uncaughtException(thread, outOfBounds(2));
        assertThat(lines).extracting(Line::thrown).hasExactlyElementsOfTypes(ArrayIndexOutOfBoundsException.class,
                IllegalStateException.class);
    }
}

package app.belfry.model;

import app.belfry.testing.LogCapture;
import app.belfry.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broken server that floods bad payloads must not flood the log: at most 20 warnings per rolling minute. */
class NotificationCodecWarningFloodTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(NotificationCodec.LOGGER_NAME);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final NotificationCodec codec = new NotificationCodec(clock);

    @Test
    void logsTwentyAMinuteThenSaysHowManyWereSuppressed() {
        for (int i = 0; i < 20; i++) {
            assertThat(codec.decodeNotification(42)).isEmpty();
        }
        assertThat(log.warnings()).hasSize(20);
        log.clear();

        for (int i = 0; i < 1000; i++) {
            assertThat(codec.decodeNotification(42)).isEmpty();
        }
        clock.advance(Duration.ofSeconds(59));
        assertThat(codec.decodeNotification(42)).isEmpty();
        log.assertNoWarning();

        clock.advance(Duration.ofSeconds(1));
        String warning = log.assertOneWarning(() -> codec.decodeNotification(42));
        assertThat(warning).startsWith("(1001 similar warnings were suppressed since the last one: more than 20 a "
                + "minute) Rejected a notification: payload is a number");
        assertThat(codec.rejectedCount()).isEqualTo(1022);
    }

    @Test
    void countsTheMinuteFromEachWarningNotFromAFixedStart() {
        // Ten warnings at 0 s and ten at 30 s: the window opens again for ten at 60 s and for ten more at 90 s.
        warnTimes(10);
        clock.advance(Duration.ofSeconds(30));
        warnTimes(10);
        assertThat(log.warnings()).hasSize(20);
        log.clear();

        clock.advance(Duration.ofSeconds(30));
        warnTimes(15);
        assertThat(log.warnings()).hasSize(10);
        assertThat(log.warnings().get(0)).doesNotContain("suppressed");
        log.clear();

        clock.advance(Duration.ofSeconds(30));
        warnTimes(1);
        assertThat(log.assertOneWarning()).startsWith("(5 similar warnings were suppressed");
    }

    @Test
    void aClockSetBackDoesNotSilenceTheLog() {
        warnTimes(25);
        log.clear();
        clock.advance(Duration.ofHours(-2));
        log.assertOneWarning(() -> codec.decodeNotification(42));
    }

    @Test
    void cleanPayloadsNeitherLogNorCount() {
        warnTimes(20);
        log.clear();
        for (int i = 0; i < 100; i++) {
            codec.decodeNotification(Payloads.validMap());
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(log.assertOneWarning(() -> codec.decodeNotification(42))).startsWith("Rejected");
    }

    @Test
    void sharesTheBudgetBetweenNotificationsErrorsAndAcks() {
        warnTimes(19);
        codec.decodeAck("nonsense");
        codec.decodeError(3);
        codec.decodeNotification(Payloads.validMapWith("type", "urgent"));
        assertThat(log.warnings()).hasSize(20);
        assertThat(log.warnings().get(19)).startsWith("Malformed ack");
    }

    private void warnTimes(int times) {
        for (int i = 0; i < times; i++) {
            codec.decodeNotification("not an object");
        }
    }
}

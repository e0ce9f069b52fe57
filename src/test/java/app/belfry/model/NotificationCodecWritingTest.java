package app.belfry.model;

import app.belfry.testing.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Writing notifications and instants the way the contract, and JavaScript, write them. */
class NotificationCodecWritingTest {

    private static final Notification NOTIFICATION = new Notification("8f14e45f", NotificationType.WARNING,
            "Disk \"almost\" full", "92 % used\non /home", Instant.parse("2026-11-25T10:15:00Z"), true);

    @RegisterExtension
    final LogCapture log = new LogCapture(NotificationCodec.LOGGER_NAME);

    private final NotificationCodec codec = new NotificationCodec();

    @Test
    void writesTheContractsJsonInItsFieldOrder() {
        assertThat(codec.toJsonString(NOTIFICATION)).isEqualTo("{\"id\":\"8f14e45f\",\"type\":\"warning\","
                + "\"title\":\"Disk \\\"almost\\\" full\",\"message\":\"92 % used\\non /home\","
                + "\"createdAt\":\"2026-11-25T10:15:00.000Z\",\"read\":true}");
    }

    @Test
    void writesAMapWithTheSameFields() {
        Map<String, Object> map = codec.toMap(NOTIFICATION);
        assertThat(map).containsExactly(Map.entry("id", "8f14e45f"), Map.entry("type", "warning"),
                Map.entry("title", "Disk \"almost\" full"), Map.entry("message", "92 % used\non /home"),
                Map.entry("createdAt", "2026-11-25T10:15:00.000Z"), Map.entry("read", true));
    }

    @Test
    void roundTripsThroughEveryShape() {
        for (NotificationType type : NotificationType.values()) {
            Notification notification = new Notification("id-" + type, type, "t", "m",
                    Instant.parse("2026-11-25T10:15:00.123Z"), type.ordinal() % 2 == 0);
            ObjectNode node = codec.toJson(notification);
            assertThat(codec.decodeNotification(node)).contains(notification);
            assertThat(codec.decodeNotification(codec.toJsonString(notification))).contains(notification);
            assertThat(codec.decodeNotification(Payloads.json(codec.toJsonString(notification))))
                    .contains(notification);
            assertThat(codec.decodeNotification(codec.toMap(notification))).contains(notification);
        }
        log.assertNoWarning();
    }

    @Test
    void roundTripsAnEmptyTitleAndMessage() {
        Notification notification = new Notification("x", NotificationType.INFO, "", "", Instant.EPOCH, false);
        assertThat(codec.decodeNotification(codec.toJson(notification))).contains(notification);
        log.assertNoWarning();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-25T10:15:00Z, 2026-11-25T10:15:00.000Z",
        "2026-11-25T10:15:00.1Z, 2026-11-25T10:15:00.100Z",
        "2026-11-25T10:15:00.123456789Z, 2026-11-25T10:15:00.123Z",
        "2026-11-25T10:15:00.999999999Z, 2026-11-25T10:15:00.999Z",
        "1970-01-01T00:00:00Z, 1970-01-01T00:00:00.000Z",
        "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999Z",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00.000Z",
        "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999Z",
        "+10000-01-01T00:00:00Z, +010000-01-01T00:00:00.000Z",
        "-0001-01-01T00:00:00Z, -000001-01-01T00:00:00.000Z",
        "2024-02-29T23:59:59.5Z, 2024-02-29T23:59:59.500Z"})
    void formatsInstantsLikeJavaScriptsToIsoString(String instant, String expected) {
        assertThat(NotificationCodec.formatInstant(Instant.parse(instant))).isEqualTo(expected);
    }

    @Test
    void parsesWhatItFormats() {
        Instant instant = Instant.parse("2026-11-25T10:15:00.123Z");
        assertThat(NotificationCodec.parseInstant(NotificationCodec.formatInstant(instant))).contains(instant);
    }

    @Test
    void parsesInstantsFromEveryShape() {
        Instant expected = Instant.parse("2026-11-25T10:15:00Z");
        assertThat(NotificationCodec.parseInstant("2026-11-25T10:15:00.000Z")).contains(expected);
        assertThat(NotificationCodec.parseInstant("2026-11-25T11:15:00+01:00")).contains(expected);
        assertThat(NotificationCodec.parseInstant(expected.toEpochMilli())).contains(expected);
        assertThat(NotificationCodec.parseInstant(expected)).contains(expected);
        assertThat(NotificationCodec.parseInstant(Date.from(expected))).contains(expected);
        assertThat(NotificationCodec.parseInstant(NotificationCodec.mapper().valueToTree("2026-11-25T10:15:00Z")))
                .contains(expected);
        assertThat(NotificationCodec.parseInstant(NotificationCodec.mapper().valueToTree(expected.toEpochMilli())))
                .contains(expected);
    }

    @Test
    void parsesNothingFromNonsense() {
        for (Object nonsense : new Object[] {null, "", "yesterday", "2026-11-25T10:15:00", true, List.of(),
                Map.of(), Double.NaN, Double.POSITIVE_INFINITY, 9e15, "9".repeat(10_000)}) {
            assertThat(NotificationCodec.parseInstant(nonsense)).as("%s", nonsense).isEmpty();
        }
        log.assertNoWarning();
    }

    @Test
    void sharesOneMapper() {
        assertThat(NotificationCodec.mapper()).isSameAs(NotificationCodec.mapper());
    }
}

package app.belfry.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import app.belfry.testing.MutableClock;
import org.junit.jupiter.api.Test;

class PopupPolicyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final PopupPolicy policy = new PopupPolicy(clock, ZoneOffset.UTC);
    private static final PopupPolicy.Context AWAY = new PopupPolicy.Context(false, false, null, null, true);
    private int counter;

    private Notification fresh(NotificationType type) {
        counter++;
        return new Notification("n" + counter, type, "Title " + counter, "Body " + counter, clock.instant(), false);
    }

    private List<Notification> fresh(int count) {
        List<Notification> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(fresh(NotificationType.INFO));
        }
        return list;
    }

    @Test
    void oneNotificationIsOnePopupThatOpensIt() {
        Notification n = fresh(NotificationType.WARNING);
        assertThat(policy.onArrivals(List.of(n), AWAY))
                .containsExactly(new Popup(n.title(), n.message(), NotificationType.WARNING, n.id()));
    }

    @Test
    void nothingPopsUpWhileTheWindowHasTheFocusOrForWhatIsRead() {
        assertThat(policy.onArrivals(fresh(1), new PopupPolicy.Context(true, false, null, null, true))).isEmpty();
        Notification read = fresh(NotificationType.INFO).withRead(true);
        assertThat(policy.onArrivals(List.of(read), AWAY)).isEmpty();
    }

    @Test
    void doNotDisturbHoldsPopupsBackButLetsErrorsThroughWhenAllowed() {
        PopupPolicy.Context dnd = new PopupPolicy.Context(false, true, null, null, true);
        assertThat(policy.onArrivals(List.of(fresh(NotificationType.INFO)), dnd)).isEmpty();
        assertThat(policy.onArrivals(List.of(fresh(NotificationType.ERROR)), dnd)).hasSize(1);
        PopupPolicy.Context strict = new PopupPolicy.Context(false, true, null, null, false);
        assertThat(policy.onArrivals(List.of(fresh(NotificationType.ERROR)), strict)).isEmpty();
    }

    @Test
    void quietHoursWorkAcrossMidnight() {
        PopupPolicy.Context night = new PopupPolicy.Context(false, false, LocalTime.of(22, 0), LocalTime.of(7, 0), false);
        clock.set(Instant.parse("2026-11-26T23:30:00Z"));
        assertThat(policy.onArrivals(fresh(1), night)).isEmpty();
        clock.set(Instant.parse("2026-11-27T06:59:00Z"));
        assertThat(policy.onArrivals(fresh(1), night)).isEmpty();
        clock.set(Instant.parse("2026-11-27T07:00:00Z"));
        assertThat(policy.onArrivals(fresh(1), night)).hasSize(1);
        PopupPolicy.Context lunch = new PopupPolicy.Context(false, false, LocalTime.of(12, 0), LocalTime.of(13, 0), false);
        clock.set(Instant.parse("2026-11-27T12:30:00Z"));
        assertThat(policy.onArrivals(fresh(1), lunch)).isEmpty();
    }

    @Test
    void aBurstShowsThreeThenOneSummaryWhenTheWindowEnds() {
        List<Popup> first = policy.onArrivals(fresh(5), AWAY);
        assertThat(first).hasSize(3).noneMatch(Popup::isSummary);
        clock.advance(Duration.ofMillis(500));
        assertThat(policy.onArrivals(fresh(4), AWAY)).isEmpty();
        assertThat(policy.nextDeadline()).hasValue(Instant.parse("2026-11-26T12:00:02Z"));
        assertThat(policy.onTick()).as("not yet").isEmpty();

        clock.set(Instant.parse("2026-11-26T12:00:02Z"));
        assertThat(policy.onTick()).singleElement()
                .satisfies(p -> assertThat(p.title()).isEqualTo("6 more new notifications"))
                .satisfies(p -> assertThat(p.isSummary()).isTrue());
        assertThat(policy.nextDeadline()).isEmpty();
    }

    @Test
    void aCatchUpAfterBeingOfflineIsOnePopup() {
        List<Notification> missed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            counter++;
            missed.add(new Notification("m" + i, NotificationType.INFO, "Missed " + i, "", clock.instant().minus(Duration.ofMinutes(30 - i)),
                    false));
        }
        clock.advance(Duration.ofSeconds(5));
        policy.onConnected();
        assertThat(policy.onArrivals(missed, AWAY)).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("12 new notifications while you were away");
            assertThat(p.body()).startsWith("Missed 11 · Missed 10 · Missed 9").endsWith("and 9 more");
            assertThat(p.notificationId()).isNull();
        });
        assertThat(policy.onArrivals(List.of(fresh(NotificationType.SUCCESS)), AWAY)).singleElement()
                .satisfies(p -> assertThat(p.isSummary()).isFalse());
    }

    @Test
    void eachTypeMayPopUpOrNotAndPlayASoundOrNot() {
        assertThat(policy.soundFor(List.of(fresh(NotificationType.ERROR)), AWAY)).as("errors sound by default").isTrue();
        assertThat(policy.soundFor(List.of(fresh(NotificationType.INFO)), AWAY)).as("the rest do not").isFalse();

        PopupPolicy.Context quietInfo = new PopupPolicy.Context(false, false, null, null, true,
                Set.of(NotificationType.ERROR, NotificationType.WARNING), Set.of(NotificationType.INFO));
        Notification info = fresh(NotificationType.INFO);
        assertThat(policy.onArrivals(List.of(info), quietInfo)).as("info does not pop up").isEmpty();
        assertThat(policy.soundFor(List.of(info), quietInfo)).as("but it sounds").isTrue();
        assertThat(policy.soundFor(List.of(info.withRead(true)), quietInfo)).as("what is read is silent").isFalse();
        assertThat(policy.onArrivals(List.of(fresh(NotificationType.WARNING)), quietInfo)).hasSize(1);
    }

    @Test
    void quietAndFocusSilenceSoundsAsTheyHoldBackPopupsAndErrorsBreakThroughBoth() {
        Set<NotificationType> all = Set.of(NotificationType.values());
        PopupPolicy.Context dnd = new PopupPolicy.Context(false, true, null, null, true, all, all);
        assertThat(policy.soundFor(List.of(fresh(NotificationType.WARNING)), dnd)).isFalse();
        assertThat(policy.soundFor(List.of(fresh(NotificationType.ERROR)), dnd)).as("breaks through").isTrue();
        PopupPolicy.Context strict = new PopupPolicy.Context(false, true, null, null, false, all, all);
        assertThat(policy.soundFor(List.of(fresh(NotificationType.ERROR)), strict)).isFalse();
        PopupPolicy.Context focused = new PopupPolicy.Context(true, false, null, null, true, all, all);
        assertThat(policy.soundFor(List.of(fresh(NotificationType.ERROR)), focused)).isFalse();
    }
}

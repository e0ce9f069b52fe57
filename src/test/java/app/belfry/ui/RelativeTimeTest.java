package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Relative times tick when a label shown would read otherwise, never on a fixed beat, and not at all while nothing
 * shows one or the window is hidden. The clock and the timer are the test's: nothing here waits.
 */
class RelativeTimeTest {

    /** A tick asked for: what to run, after how long, and its future (cancelled or not). */
    private record Asked(Runnable task, Duration delay, CompletableFuture<Void> future) {
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final List<Asked> asked = new ArrayList<>();
    private final RelativeTime time = new RelativeTime(clock, Locale.ENGLISH, (task, delay) -> {
        Asked tick = new Asked(task, delay, new CompletableFuture<>());
        asked.add(tick);
        return tick.future();
    });
    private final List<Instant> ticks = new ArrayList<>();

    {
        time.nowProperty().addListener((o, was, now) -> ticks.add(now));
    }

    private Instant ago(long seconds) {
        return clock.instant().minusSeconds(seconds);
    }

    private List<Asked> pending() {
        return asked.stream().filter(a -> !a.future().isCancelled()).toList();
    }

    @Test
    void nothingTicksWhileNoRowShowsATime() {
        assertThat(asked).isEmpty();
        clock.advance(Duration.ofHours(5));
        assertThat(asked).isEmpty();
    }

    @Test
    void theTickComesWhenTheLabelWouldReadOtherwiseNotBefore() {
        Instant then = ago(65);
        RelativeTime.Said said = time.since(then);
        assertThat(said.text()).isEqualTo("1 minute ago");
        // PrettyTime rounds: 1 minute 31 seconds reads "2 minutes ago", so this label holds 26 seconds more.
        assertThat(said.until()).isEqualTo(then.plusSeconds(91));
        assertThat(pending()).hasSize(1);
        Duration delay = pending().get(0).delay();
        assertThat(delay).isBetween(Duration.ofSeconds(26), Duration.ofSeconds(26).plus(RelativeTime.GRAIN));

        clock.advance(delay);
        pending().get(0).task().run();
        assertThat(ticks).containsExactly(clock.instant());
        assertThat(time.since(then).text()).isEqualTo("2 minutes ago");
    }

    @Test
    void theNextChangeIsFoundForEveryKindOfLabel() {
        for (long age : new long[] {-30, 0, 30, 59, 3_000, 5_000, 80_000, 500_000, 3_000_000, 100_000_000}) {
            Instant start = clock.instant();
            Instant then = start.minusSeconds(age);
            String text = time.since(then).text();
            Instant until = time.nextChange(then, start);
            assertThat(until).as("age %d s", age).isAfter(start);
            clock.set(until.minusSeconds(1));
            assertThat(time.since(then).text()).as("a second before the change, age %d s", age).isEqualTo(text);
            clock.set(until);
            assertThat(time.since(then).text()).as("at the change, age %d s", age).isNotEqualTo(text);
            clock.set(start);
        }
    }

    @Test
    void rowsThatChangeWithinAFewSecondsShareOneTick() {
        clock.set(Instant.parse("2026-12-03T10:00:00.200Z"));
        time.since(ago(70)); // changes in 21 s
        time.since(ago(72)); // in 19 s: a tick sooner
        time.since(ago(71)); // in 20 s: within the same grain as the tick already asked for
        time.since(ago(69)); // in 22 s
        assertThat(pending()).hasSize(1);
        assertThat(pending().get(0).delay()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(19).plus(RelativeTime.GRAIN));
    }

    @Test
    void whatWasSaidHoldsFromWhenItWasSaidUntilItsChange() {
        RelativeTime.Said said = time.since(ago(65));
        assertThat(said.holdsAt(clock.instant())).isTrue();
        assertThat(said.holdsAt(said.until().minusMillis(1))).isTrue();
        assertThat(said.holdsAt(said.until())).as("run out").isFalse();
        assertThat(said.holdsAt(clock.instant().minusSeconds(3_600))).as("the clock set back an hour").isFalse();
    }

    @Test
    void anOldRowWaitsAMinuteAtMost() {
        time.since(ago(Duration.ofDays(3).toSeconds()));
        assertThat(pending()).singleElement().extracting(Asked::delay).isEqualTo(RelativeTime.LONGEST_WAIT);
    }

    @Test
    void whileTheWindowIsHiddenNothingTicksAndShowingItTicksAtOnce() {
        time.since(ago(65));
        Asked beforeHiding = pending().get(0);

        time.showingProperty().set(false);
        assertThat(beforeHiding.future()).isCancelled();
        time.since(ago(65));
        time.since(ago(10));
        assertThat(pending()).isEmpty();
        assertThat(ticks).isEmpty();

        clock.advance(Duration.ofMinutes(10));
        time.showingProperty().set(true);
        assertThat(ticks).containsExactly(clock.instant()); // the rows say it again at once

        beforeHiding.task().run(); // a tick that was on its way when the window was hidden
        assertThat(ticks).hasSize(1);
    }
}

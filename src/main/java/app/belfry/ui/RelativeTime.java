package app.belfry.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.ocpsoft.prettytime.PrettyTime;

/**
 * "3 minutes ago" in Belfry's language (PrettyTime), and a tick on which cells say it again, so that what is shown
 * stays true. One per window; cells listen to {@link #nowProperty()}.
 *
 * <p>The tick comes when a label shown would read otherwise, not on a fixed beat: each {@link #label} says until when
 * it holds, and the next tick is set for the earliest of those (late by at most {@link #GRAIN}, so that rows that
 * change within a few seconds of each other share one). Nothing shown, nothing ticks; while the window is hidden
 * nothing ticks either, and showing it again ticks at once. The wait is a sleeping thread's, not a JavaFX animation:
 * an animation, however slow its key frames, makes JavaFX run every pulse (60 a second) while it plays.
 */
public final class RelativeTime {

    /** Labels that change within this much of each other are refreshed together, this much late at most. */
    static final Duration GRAIN = Duration.ofSeconds(5);
    /**
     * The longest wait between ticks: a timer's delay does not count time asleep, so after a laptop wakes, a label
     * of an old row is this much late at most.
     */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    /** Beyond this a label is taken to hold (PrettyTime's labels change at least once a year). */
    private static final Duration FARTHEST = Duration.ofDays(400);

    /** Runs a task after a delay; the answer cancels it. */
    @FunctionalInterface
    interface Scheduler {
        Future<?> schedule(Runnable task, Duration delay);
    }

    /** What a row says, the instant it was said at, and the instant until which it holds. */
    record Said(String text, Instant at, Instant until) {

        /** Whether it is still true at {@code instant} (a clock set back makes it say it again too). */
        boolean holdsAt(Instant instant) {
            return !instant.isBefore(at) && instant.isBefore(until);
        }
    }

    /**
     * Younger than this, PrettyTime says the same words whatever the age ("moments ago": its JustNow unit covers the
     * first minute); with margin, so that the words stay PrettyTime's own. Past it, the label is worked out in full.
     */
    static final Duration JUST_NOW = Duration.ofSeconds(45);

    private final PrettyTime pretty;
    /** PrettyTime's words for {@link #JUST_NOW}, asked once. */
    private String justNow;
    /** What was said of older instants, the most recently said last; about a screen of rows, a few times over. */
    private final Map<Instant, Said> older = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Instant, Said> eldest) {
            return size() > 256;
        }
    };
    private final Clock clock;
    private final Scheduler scheduler;
    private final ScheduledExecutorService timer;
    private final ReadOnlyObjectWrapper<Instant> now;
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing", true);
    private Instant scheduledAt;
    private Future<?> scheduled;
    /** Counts schedules and cancellations: a tick of an earlier one, already on its way, is ignored. */
    private long generation;

    public RelativeTime() {
        this(Clock.systemUTC(), app.belfry.i18n.Texts.locale(), newTimer());
    }

    private RelativeTime(Clock clock, Locale locale, ScheduledExecutorService timer) {
        this(clock, locale, (task, delay) -> timer.schedule(() -> Platform.runLater(task), delay.toMillis(),
                TimeUnit.MILLISECONDS), timer);
    }

    /** For tests: a clock and a scheduler of their own; ticks run on the scheduler's thread. */
    RelativeTime(Clock clock, Locale locale, Scheduler scheduler) {
        this(clock, locale, scheduler, null);
    }

    private RelativeTime(Clock clock, Locale locale, Scheduler scheduler, ScheduledExecutorService timer) {
        this.pretty = new PrettyTime(locale);
        this.clock = clock;
        this.scheduler = scheduler;
        this.timer = timer;
        this.now = new ReadOnlyObjectWrapper<>(clock.instant());
        showing.addListener((o, was, is) -> {
            cancel();
            if (is) {
                now.set(clock.instant());
            }
        });
    }

    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor timer = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1, r -> {
            Thread thread = new Thread(r, "belfry-relative-time");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Changes on every tick: cells whose label has run out say it again, the others {@link #due} theirs again. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** Whether the window that shows the labels is on screen; while it is not, nothing ticks. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    /**
     * The time since {@code then}, as PrettyTime says it ("moments ago", "3 minutes ago", "2 days ago"), and a tick
     * for when it would read otherwise.
     */
    Said since(Instant then) {
        Instant at = clock.instant();
        Said said;
        if (!then.isBefore(at.minus(JUST_NOW))) {
            // Young (or ahead of this clock): PrettyTime's words for the first minute, asked once. Every row that
            // moves under a new arrival is said again, so this is most of what a flood asks.
            if (justNow == null) {
                justNow = format(at, at);
            }
            said = new Said(justNow, at, (then.isAfter(at) ? at : then).plus(JUST_NOW));
        } else {
            // Older: working out when the label changes takes a few dozen formats, and a row is said again each time
            // its cell shows another item (scrolling, arrivals); what was said for this instant holds until then.
            Said before = older.get(then);
            if (before != null && before.holdsAt(at)) {
                said = before;
            } else {
                said = new Said(format(then, at), at, nextChange(then, at));
                older.put(then, said);
            }
        }
        due(said.until());
        return said;
    }

    /** A time ahead of {@code at} (a server's clock runs ahead) reads "moments ago", never "in 2 minutes". */
    private String format(Instant then, Instant at) {
        Instant past = then.isBefore(at) ? then : at.minus(Duration.ofMillis(1));
        pretty.setReference(Date.from(at));
        return pretty.format(Date.from(past));
    }

    /**
     * The first whole second after {@code at} at which the label for {@code then} reads otherwise: PrettyTime's
     * labels only ever move on ("1 minute" to "2 minutes", to "1 hour"), so a doubling search finds a second at
     * which it differs, and halving finds the first. About 2 log2(age in seconds) formats: a few dozen at most.
     */
    Instant nextChange(Instant then, Instant at) {
        String text = format(then, at);
        long same = 0;
        long differs = 1;
        while (format(then, at.plusSeconds(differs)).equals(text)) {
            same = differs;
            differs *= 2;
            if (differs > FARTHEST.toSeconds()) {
                return at.plus(FARTHEST);
            }
        }
        while (differs - same > 1) {
            long middle = (same + differs) / 2;
            if (format(then, at.plusSeconds(middle)).equals(text)) {
                same = middle;
            } else {
                differs = middle;
            }
        }
        return at.plusSeconds(differs);
    }

    /**
     * A label shown holds until {@code until}: makes sure a tick comes by then (at the next {@link #GRAIN} boundary,
     * within {@link #LONGEST_WAIT}). Nothing while the window is hidden.
     */
    void due(Instant until) {
        if (!showing.get()) {
            return;
        }
        Instant current = clock.instant();
        Instant at = roundUp(until);
        Instant latest = current.plus(LONGEST_WAIT);
        if (at.isAfter(latest)) {
            at = latest;
        }
        if (scheduledAt != null && !at.isBefore(scheduledAt)) {
            return;
        }
        cancel();
        scheduledAt = at;
        Duration delay = Duration.between(current, at);
        long mine = generation;
        scheduled = scheduler.schedule(() -> tick(mine), delay.isNegative() ? Duration.ZERO : delay);
    }

    private static Instant roundUp(Instant instant) {
        long grain = GRAIN.toMillis();
        long millis = instant.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(millis + grain - 1, grain) * grain);
    }

    private void tick(long of) {
        if (of == generation) {
            cancel();
            now.set(clock.instant());
        }
    }

    private void cancel() {
        generation++;
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        scheduledAt = null;
    }

    /** Ends the ticks for good (the window closes). */
    public void stop() {
        cancel();
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}

package app.belfry.store;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's list against every transformation list stacked on it: long random sequences of what the store does
 * (new rows on top, repeats replacing rows in place, updates, reads and their rollback, mark-all, trimming at the
 * cap, restoring history, clearing), and after every step each view must equal its source freshly filtered or
 * sorted, a replay of the change events must give the list, and no listener may have thrown.
 *
 * <p>The views are stacked as Belfry's may be: a filter, a filter on a filter, a sort, a sort of a filter. Not a
 * filter on a sort: JavaFX 17's {@code SortedList} fires changes of several sub-changes that {@code FilteredList}
 * mis-replays whatever their source did, so Belfry's views never stack them that way.
 *
 * <p>JavaFX hands a listener's exception to the thread's uncaught-exception handler instead of the caller, so the
 * test installs its own on the thread that runs the store.
 */
class StoreListChangesTest {

    private static final Comparator<Notification> NEWEST_FIRST = Comparator.comparing(Notification::createdAt)
            .reversed().thenComparing(Notification::id);
    private static final List<Predicate<Notification>> PREDICATES = List.of(
            n -> true,
            n -> !n.read(),
            n -> n.read(),
            n -> n.type() == NotificationType.ERROR || n.type() == NotificationType.WARNING,
            n -> n.title().contains("7"),
            n -> false);

    private final List<Throwable> thrown = new ArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;

    @BeforeEach
    void catchListenerExceptions() {
        previousHandler = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> thrown.add(e));
    }

    @AfterEach
    void restoreHandler() {
        Thread.currentThread().setUncaughtExceptionHandler(previousHandler);
    }

    @Test
    void everyViewEqualsItsSourceAfterEveryStepOfLongRandomSequences() {
        long baseSeed = 20261203L;
        int[] caps = {1, 3, 10, 100, 250};
        for (int run = 0; run < 200; run++) {
            long seed = baseSeed + run;
            new Run(new Random(seed), caps[run % caps.length], "seed " + seed).steps(250);
        }
    }

    /**
     * The burst of the defect's report, at the default cap, after a start with kept history: 120 notifications at
     * 100 a second (a run of the store each), then 200 at once (one run), then 300 at 1,000 a second (runs of 1 to
     * 40: as many as came while the FX thread was busy), three times.
     */
    @Test
    void aBurstAtTheCapKeepsEveryViewRight() {
        for (int kept : new int[] {0, 45, 69, 100}) {
            Run run = new Run(new Random(kept), 100, "burst after " + kept + " kept");
            List<Notification> history = new ArrayList<>();
            for (int i = 0; i < kept; i++) {
                history.add(run.fresh());
            }
            run.store.restore(history);
            run.check("the restore");
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 120; i++) {
                    run.arrivals(1, 0);
                    run.check("round " + round + ", one of 120");
                }
                run.arrivals(200, 0);
                run.check("round " + round + ", 200 at once");
                for (int sent = 0; sent < 300; ) {
                    int size = 1 + run.random.nextInt(40);
                    run.arrivals(size, 0);
                    sent += size;
                    run.check("round " + round + ", " + sent + " of 300");
                }
            }
        }
    }

    /** A plain copy of the list, kept by replaying every change event as the contract defines it. */
    private static final class Replay implements ListChangeListener<Notification> {
        final List<Notification> copy = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public void onChanged(Change<? extends Notification> c) {
            int lastFrom = -1;
            while (c.next()) {
                if (c.getFrom() < lastFrom) {
                    problems.add("sub-changes out of order: " + c.getFrom() + " after " + lastFrom);
                }
                lastFrom = c.getFrom();
                if (c.wasPermutated()) {
                    List<Notification> before = new ArrayList<>(copy.subList(c.getFrom(), c.getTo()));
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        copy.set(c.getPermutation(i), before.get(i - c.getFrom()));
                    }
                    continue;
                }
                if (c.wasUpdated()) {
                    continue;
                }
                List<Notification> wasThere = copy.subList(c.getFrom(),
                        Math.min(copy.size(), c.getFrom() + c.getRemovedSize()));
                if (!wasThere.equals(c.getRemoved())) {
                    problems.add("getRemoved() " + ids(c.getRemoved()) + " but the list had " + ids(wasThere)
                            + " at " + c.getFrom());
                }
                if (c.wasReplaced() && !ids(c.getRemoved()).equals(ids(c.getAddedSubList()))) {
                    problems.add("a replacement that changes ids, " + ids(c.getRemoved()) + " to "
                            + ids(c.getAddedSubList()) + ": listeners take it for an update, not new rows");
                }
                wasThere.clear();
                copy.addAll(c.getFrom(), c.getAddedSubList());
            }
        }
    }

    private final class Run {
        final Random random;
        final int cap;
        final String name;
        final ArrayDeque<Runnable> storeTasks = new ArrayDeque<>();
        final NotificationStore store;
        final ObservableList<Notification> source;
        final FilteredList<Notification> filtered;
        final SortedList<Notification> sorted;
        final FilteredList<Notification> filteredTwice;
        final SortedList<Notification> sortedFiltered;
        /** The dropdown's newest few, and a filter on them (a view stacked on it must stay right). */
        final FirstOf<Notification> newest;
        final FilteredList<Notification> newestFiltered;
        final int newestLimit;
        final Replay replay = new Replay();
        final Replay newestReplay = new Replay();
        /** The inbox's "All" first, as in the window. */
        Predicate<Notification> predicate = PREDICATES.get(0);
        Predicate<Notification> secondPredicate = PREDICATES.get(1);
        int nextId;
        /** Whether the next reads are refused by the server. */
        boolean refuseNext;

        Run(Random random, int cap, String name) {
            this.random = random;
            this.cap = cap;
            this.name = name;
            store = new NotificationStore(storeTasks::add, cap, 0);
            // Reads go through, or are all refused when the step said so.
            store.bind((app.belfry.testing.ReadActions) ids -> CompletableFuture.completedFuture(
                    refuseNext ? Set.copyOf(ids) : Set.of()));
            source = store.notifications();
            source.addListener(replay);
            filtered = new FilteredList<>(source, predicate);
            sorted = new SortedList<>(source, NEWEST_FIRST);
            filteredTwice = new FilteredList<>(filtered, secondPredicate);
            sortedFiltered = new SortedList<>(filtered, NEWEST_FIRST.reversed());
            newestLimit = Math.max(1, cap / 3);
            newest = new FirstOf<>(source, newestLimit, Notification::id);
            newest.addListener(newestReplay);
            newestFiltered = new FilteredList<>(newest, n -> !n.read());
        }

        void steps(int count) {
            for (int step = 0; step < count; step++) {
                String what = step();
                check("step " + step + " (" + what + ")");
            }
        }

        String step() {
            int choice = random.nextInt(100);
            if (choice < 35) {
                int size = 1 + random.nextInt(random.nextInt(10) == 0 ? cap * 2 + 2 : 6);
                arrivals(size, random.nextInt(4));
                return "arrivals of " + size;
            } else if (choice < 45) {
                Notification held = anyHeld();
                Notification update = held != null && random.nextBoolean()
                        ? new Notification(held.id(), held.type(), held.title() + "'", held.message(),
                                held.createdAt(), random.nextBoolean())
                        : fresh();
                store.onNotificationUpdated(update);
                runAll();
                return "update of " + update.id();
            } else if (choice < 62) {
                Notification held = anyHeld();
                refuseNext = random.nextInt(3) == 0;
                if (held != null) {
                    store.markAsRead(held.id());
                }
                runAll();
                return "read, refused " + refuseNext;
            } else if (choice < 67) {
                refuseNext = random.nextInt(4) == 0;
                store.markAllAsRead();
                runAll();
                return "mark all, refused " + refuseNext;
            } else if (choice < 75) {
                List<Notification> history = new ArrayList<>();
                int size = random.nextInt(cap + 3);
                for (int i = 0; i < size; i++) {
                    Notification held = random.nextInt(4) == 0 ? anyHeld() : null;
                    history.add(held != null ? held.withRead(!held.read()) : fresh());
                }
                store.restore(history);
                return "restore of " + size;
            } else if (choice < 78) {
                store.clearNotifications();
                runAll();
                return "clear";
            } else if (choice < 80) {
                store.onNotification(fresh());
                store.forgetSession();
                runAll();
                return "forget the session";
            } else if (choice < 90) {
                predicate = PREDICATES.get(random.nextInt(PREDICATES.size()));
                filtered.setPredicate(predicate);
                return "new predicate";
            } else if (choice < 94) {
                secondPredicate = PREDICATES.get(random.nextInt(PREDICATES.size()));
                filteredTwice.setPredicate(secondPredicate);
                return "new predicate on the second filter";
            } else if (choice < 96) {
                Notification held = anyHeld();
                if (held != null) {
                    store.clear(held.id());
                }
                return "clear one";
            } else if (choice < 97) {
                return "clear read: " + store.clearRead();
            } else if (choice < 98 && random.nextInt(3) == 0) {
                return "clear all: " + store.clearAll();
            } else {
                return "undo: " + store.undoClear();
            }
        }

        /** One run of the store takes {@code fresh} new ones and {@code repeats} of held ones, interleaved. */
        void arrivals(int fresh, int repeats) {
            List<Notification> batch = new ArrayList<>();
            for (int i = 0; i < fresh; i++) {
                batch.add(fresh());
            }
            for (int i = 0; i < repeats; i++) {
                Notification held = anyHeld();
                if (held != null) {
                    batch.add(random.nextInt(batch.size() + 1), held.withRead(!held.read()));
                }
            }
            batch.forEach(store::onNotification);
            runAll();
        }

        Notification fresh() {
            int id = nextId++;
            NotificationType type = NotificationType.values()[random.nextInt(NotificationType.values().length)];
            // Mostly newer than what came before, sometimes older (a late arrival), sometimes at the same instant.
            long second = 1_800_000_000L + id - (random.nextInt(5) == 0 ? random.nextInt(50) : 0);
            return new Notification("n" + id, type, "Title " + id, "", Instant.ofEpochSecond(second),
                    random.nextInt(3) == 0);
        }

        Notification anyHeld() {
            return source.isEmpty() ? null : source.get(random.nextInt(source.size()));
        }

        void runAll() {
            for (Runnable task; (task = storeTasks.poll()) != null; ) {
                task.run();
            }
        }

        void check(String after) {
            String where = name + ", cap " + cap + ", after " + after;
            assertThat(thrown).as(where + ": a listener threw").isEmpty();
            assertThat(replay.problems).as(where + ": the change events").isEmpty();
            List<Notification> list = List.copyOf(source);
            assertThat(replay.copy).as(where + ": the replayed change events").isEqualTo(list);
            assertThat(list.size()).as(where + ": the cap").isLessThanOrEqualTo(cap);
            Set<String> ids = new HashSet<>();
            list.forEach(n -> ids.add(n.id()));
            assertThat(ids).as(where + ": one row per id").hasSize(list.size());
            assertThat(ids.stream().filter(store.clearedIds()::contains)).as(where + ": nothing cleared comes back")
                    .isEmpty();
            assertThat(store.unreadCount()).as(where + ": the unread count")
                    .isEqualTo((int) list.stream().filter(n -> !n.read()).count());
            List<Notification> byTime = new ArrayList<>(list);
            byTime.sort(NEWEST_FIRST);
            assertThat(List.copyOf(filtered)).as(where + ": filtered")
                    .isEqualTo(list.stream().filter(predicate).toList());
            assertThat(List.copyOf(sorted)).as(where + ": sorted").isEqualTo(byTime);
            assertThat(List.copyOf(filteredTwice)).as(where + ": filtered twice")
                    .isEqualTo(list.stream().filter(predicate).filter(secondPredicate).toList());
            List<Notification> oldestFirst = new ArrayList<>(list.stream().filter(predicate).toList());
            oldestFirst.sort(NEWEST_FIRST.reversed());
            assertThat(List.copyOf(sortedFiltered)).as(where + ": filtered, then sorted").isEqualTo(oldestFirst);
            List<Notification> first = list.subList(0, Math.min(newestLimit, list.size()));
            assertThat(List.copyOf(newest)).as(where + ": the newest " + newestLimit).isEqualTo(first);
            assertThat(newestReplay.problems).as(where + ": the newest's change events").isEmpty();
            assertThat(newestReplay.copy).as(where + ": the newest's replayed change events").isEqualTo(first);
            assertThat(List.copyOf(newestFiltered)).as(where + ": the newest, filtered")
                    .isEqualTo(first.stream().filter(n -> !n.read()).toList());
        }
    }

    private static List<String> ids(List<? extends Notification> notifications) {
        List<String> ids = new ArrayList<>();
        notifications.forEach(n -> ids.add(n.id()));
        return Collections.unmodifiableList(ids);
    }
}

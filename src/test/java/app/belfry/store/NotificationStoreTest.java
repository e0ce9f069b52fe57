package app.belfry.store;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * The store on its own. The store's thread is played by the test: with an inbox interval of 0 every post hands a
 * run to {@link #storeTasks} at once (no timer thread), and nothing is applied until {@link #runAll}. The server is
 * a {@link FakeActions}: it records what it is asked to mark read, and the test decides when and how it answers.
 */
class NotificationStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    /** The store's thread, played by the test: tasks wait here until {@link #runAll}, so their order is the test's. */
    private final List<Runnable> storeTasks = new ArrayList<>();
    private final FakeActions server = new FakeActions();
    private NotificationStore store = newStore(50);

    /** A store with the given cap, bound to {@link #server}, replacing the default one (cap 50). */
    private NotificationStore newStore(int cap) {
        NotificationStore created = new NotificationStore(storeTasks::add, cap, 0);
        created.bind(server);
        store = created;
        return created;
    }

    private void runAll() {
        while (!storeTasks.isEmpty()) {
            storeTasks.remove(0).run();
        }
    }

    // ---- building notifications

    private static Notification unread(String id) {
        return new Notification(id, NotificationType.INFO, "Title " + id, "", T0, false);
    }

    private static Notification read(String id) {
        return unread(id).withRead(true);
    }

    private static Notification titled(Notification n, String title) {
        return new Notification(n.id(), n.type(), title, n.message(), n.createdAt(), n.read());
    }

    private static Notification createdAt(Notification n, Instant at) {
        return new Notification(n.id(), n.type(), n.title(), n.message(), at, n.read());
    }

    // ---- driving the store

    /** Delivers the notifications as the socket would, all before the store's thread runs: one run of the store. */
    private void arriveInOneRun(Notification... notifications) {
        for (Notification n : notifications) {
            store.onNotification(n);
        }
        assertThat(storeTasks).as("one run for the whole batch").hasSizeLessThanOrEqualTo(1);
        runAll();
    }

    /** Delivers each notification in a run of its own. */
    private void arriveOneByOne(Notification... notifications) {
        for (Notification n : notifications) {
            arriveInOneRun(n);
        }
    }

    private void update(Notification n) {
        store.onNotificationUpdated(n);
        runAll();
    }

    // ---- reading the store

    private List<String> ids() {
        return store.notifications().stream().map(Notification::id).toList();
    }

    private Notification row(String id) {
        return store.notifications().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    private long unreadRows() {
        return store.notifications().stream().filter(n -> !n.read()).count();
    }

    private void assertUnreadCount(int expected) {
        assertThat(store.unreadCount()).isEqualTo(expected);
        assertThat(unreadRows()).as("unread rows").isEqualTo(expected);
    }

    /** Records each change the list fires, one line per change, its sub-changes joined by "; ". */
    private List<String> recordChanges() {
        List<String> changes = new ArrayList<>();
        store.notifications().addListener((ListChangeListener<Notification>) c -> {
            List<String> parts = new ArrayList<>();
            while (c.next()) {
                if (c.wasReplaced()) {
                    parts.add("replaced " + c.getFrom() + ".." + c.getTo());
                } else if (c.wasAdded()) {
                    parts.add("added " + c.getFrom() + ".." + c.getTo());
                } else if (c.wasRemoved()) {
                    parts.add("removed " + c.getRemovedSize() + " at " + c.getFrom());
                } else {
                    parts.add("other");
                }
            }
            changes.add(String.join("; ", parts));
        });
        return changes;
    }

    /** The server: records every {@code markRead} call and answers only when the test says so. */
    private static final class FakeActions implements app.belfry.testing.ReadActions {

        final List<List<String>> sent = new ArrayList<>();
        final List<CompletableFuture<Set<String>>> answers = new ArrayList<>();

        @Override
        public CompletableFuture<Set<String>> markRead(List<String> notificationIds) {
            sent.add(List.copyOf(notificationIds));
            CompletableFuture<Set<String>> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        void acceptAll(int call) {
            answers.get(call).complete(Set.of());
        }

        void refuse(int call, String... ids) {
            answers.get(call).complete(Set.of(ids));
        }
    }

    // ---- dedupe

    @Test
    void aRepeatOfAHeldIdInALaterRunReplacesItsRowInPlace() {
        arriveOneByOne(unread("a"), unread("b"), unread("c"));
        List<String> changes = recordChanges();

        arriveInOneRun(titled(unread("b"), "b again"));

        assertThat(ids()).containsExactly("c", "b", "a");
        assertThat(row("b").title()).isEqualTo("b again");
        assertThat(changes).containsExactly("replaced 1..2");
        assertUnreadCount(3);
    }

    @Test
    void aRepeatOfAHeldIdAmongNewOnesInOneRunReplacesItsRowInPlace() {
        arriveOneByOne(unread("a"), unread("b"));

        arriveInOneRun(unread("c"), titled(unread("a"), "a again"), unread("d"));

        assertThat(ids()).containsExactly("d", "c", "b", "a");
        assertThat(row("a").title()).isEqualTo("a again");
        assertUnreadCount(4);
    }

    @Test
    void theLaterCopyWinsWhenOneRunCarriesANewIdTwice() {
        arriveInOneRun(titled(unread("a"), "first"), unread("b"), titled(read("a"), "second"));

        assertThat(ids()).containsExactly("a", "b"); // the later copy counts as the later arrival
        assertThat(row("a").title()).isEqualTo("second");
        assertUnreadCount(1);
    }

    @Test
    void theLaterCopyWinsWhenOneRunCarriesAHeldIdTwice() {
        arriveOneByOne(unread("a"), unread("b"));

        arriveInOneRun(titled(read("a"), "first"), titled(unread("a"), "second"));

        assertThat(ids()).containsExactly("b", "a");
        assertThat(row("a").title()).isEqualTo("second");
        assertUnreadCount(2);
    }

    @Test
    void theUnreadCountFollowsTheReadFlagOfTheReplacement() {
        arriveOneByOne(unread("u"), read("r"));
        assertUnreadCount(1);

        arriveInOneRun(read("u")); // unread -> read
        assertUnreadCount(0);

        arriveInOneRun(unread("r")); // read -> unread
        assertUnreadCount(1);

        arriveInOneRun(titled(unread("r"), "still unread")); // unread -> unread
        assertUnreadCount(1);

        arriveInOneRun(titled(read("u"), "still read")); // read -> read
        assertUnreadCount(1);

        arriveInOneRun(unread("u"), read("r")); // both flip in one run
        assertThat(ids()).containsExactly("r", "u");
        assertUnreadCount(1);
        assertThat(row("u").read()).isFalse();
    }

    // ---- eviction at the cap

    @Test
    void newOnesGoOnTopAndTheOldestBeyondTheCapFallOff() {
        newStore(3);
        arriveOneByOne(unread("a"), unread("b"), unread("c"));
        assertThat(ids()).containsExactly("c", "b", "a");

        arriveInOneRun(unread("d"));
        assertThat(ids()).containsExactly("d", "c", "b");

        arriveInOneRun(unread("e"), unread("f"));
        assertThat(ids()).containsExactly("f", "e", "d");
        assertUnreadCount(3);
    }

    @Test
    void theUnreadCountDropsByTheUnreadOnesEvicted() {
        newStore(4);
        arriveOneByOne(unread("a"), read("b"), unread("c"), unread("d"));
        assertUnreadCount(3);

        arriveInOneRun(read("e"), unread("f"), read("g")); // evicts a (unread), b (read), c (unread)

        assertThat(ids()).containsExactly("g", "f", "e", "d");
        assertUnreadCount(2); // d and f
    }

    @Test
    void aRunWithMoreNewOnesThanTheCapKeepsOnlyTheNewest() {
        newStore(3);
        arriveInOneRun(unread("old"));

        arriveInOneRun(unread("n1"), read("n2"), unread("n3"), unread("n4"), read("n5"));

        assertThat(ids()).containsExactly("n5", "n4", "n3");
        assertUnreadCount(2);
    }

    @Test
    void anEvictedIdThatArrivesAgainIsANewRow() {
        newStore(2);
        arriveOneByOne(unread("a"), unread("b"), unread("c"));
        assertThat(ids()).containsExactly("c", "b");
        List<String> changes = recordChanges();

        arriveInOneRun(unread("a"));

        assertThat(ids()).containsExactly("a", "c");
        assertThat(changes).containsExactly("removed 1 at 1", "added 0..1");
        assertUnreadCount(2);
    }

    // ---- the unread count never drifts

    @Test
    void theUnreadCountAlwaysEqualsTheUnreadRowsThroughALongSequence() {
        int cap = 7;
        newStore(cap);
        Random random = new Random(20261126L);
        List<CompletableFuture<Set<String>>> pending = new ArrayList<>();
        List<List<String>> pendingIds = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            int action = random.nextInt(100);
            if (action < 35) { // a run of arrivals: new ids, repeats, evicted ones coming back
                int size = 1 + random.nextInt(random.nextInt(10) == 0 ? 2 * cap : 4);
                for (int i = 0; i < size; i++) {
                    store.onNotification(randomNotification(random));
                }
            } else if (action < 50) { // an update, for a held id or not
                store.onNotificationUpdated(randomNotification(random));
            } else if (action < 70) {
                store.markAsRead(randomId(random));
            } else if (action < 75) {
                store.markAllAsRead();
            } else if (action < 98) { // the server answers one pending read, refusing some of it
                int sent = server.sent.size();
                for (int i = pending.size(); i < sent; i++) {
                    pending.add(server.answers.get(i));
                    pendingIds.add(server.sent.get(i));
                }
                if (!pending.isEmpty()) {
                    int which = random.nextInt(pending.size());
                    Set<String> refused = new HashSet<>();
                    for (String id : pendingIds.get(which)) {
                        if (random.nextInt(3) == 0) {
                            refused.add(id);
                        }
                    }
                    pending.remove(which).complete(refused);
                    pendingIds.remove(which);
                }
            } else {
                store.clearNotifications();
            }
            runAll();

            assertThat(store.unreadCount()).as("unread count after step %d", step).isEqualTo(unreadRows());
            assertThat(ids()).as("rows after step %d", step).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(cap);
        }
    }

    private static String randomId(Random random) {
        return "n" + random.nextInt(20);
    }

    private static Notification randomNotification(Random random) {
        Notification n = titled(unread(randomId(random)), "v" + random.nextInt(5));
        return n.withRead(random.nextBoolean());
    }

    // ---- markAsRead

    @Test
    void markingAsReadIsOptimisticAndSendsExactlyThatOneId() {
        arriveOneByOne(unread("a"), unread("b"));
        List<String> changes = recordChanges();

        store.markAsRead("a"); // no store run, no answer yet

        assertThat(row("a").read()).isTrue();
        assertThat(row("b").read()).isFalse();
        assertThat(ids()).containsExactly("b", "a");
        assertThat(changes).containsExactly("replaced 1..2");
        assertUnreadCount(1);
        assertThat(server.sent).containsExactly(List.of("a"));
        assertThat(server.answers.get(0)).isNotDone();
        assertThat(storeTasks).isEmpty();
    }

    @Test
    void markingAnUnknownOrAlreadyReadIdDoesNothing() {
        arriveOneByOne(unread("a"), read("b"));
        List<String> changes = recordChanges();

        store.markAsRead("unknown");
        store.markAsRead("b");

        assertThat(server.sent).isEmpty();
        assertThat(changes).isEmpty();
        assertUnreadCount(1);
    }

    @Test
    void markingTheSameIdTwiceSendsItOnce() {
        arriveOneByOne(unread("a"));

        store.markAsRead("a");
        store.markAsRead("a");

        assertThat(server.sent).containsExactly(List.of("a"));
        assertUnreadCount(0);
    }

    // ---- rollback

    @Test
    void aRefusedReadIsRolledBackAndReported() {
        arriveOneByOne(unread("a"), unread("b"));
        store.markAsRead("a");
        assertUnreadCount(1);

        server.refuse(0, "a");
        runAll();

        assertThat(row("a").read()).isFalse();
        assertThat(ids()).containsExactly("b", "a");
        assertUnreadCount(2);
        assertThat(store.errorProperty().get()).isNotNull();
        assertThat(store.errorProperty().get().message()).contains("refused");
    }

    @Test
    void anAcceptedReadChangesNothing() {
        arriveOneByOne(unread("a"), unread("b"));
        store.markAsRead("a");
        List<String> changes = recordChanges();

        server.acceptAll(0);
        runAll();

        assertThat(row("a").read()).isTrue();
        assertThat(changes).isEmpty();
        assertUnreadCount(1);
        assertThat(store.errorProperty().get()).isNull();
    }

    @Test
    void aRefusalForAnIdEvictedMeanwhileChangesNothing() {
        newStore(2);
        arriveOneByOne(unread("a"), unread("b"));
        store.markAsRead("a");
        arriveInOneRun(unread("c")); // a falls off
        List<String> changes = recordChanges();

        server.refuse(0, "a");
        runAll();

        assertThat(ids()).containsExactly("c", "b");
        assertThat(changes).isEmpty();
        assertUnreadCount(2);
        assertThat(store.errorProperty().get()).isNull();
    }

    @Test
    void aRefusalForAnIdAlreadyUnreadAgainChangesNothing() {
        arriveOneByOne(unread("a"), unread("b"));
        store.markAsRead("a");
        update(titled(unread("a"), "unread on the server")); // the server says it is unread after all
        assertUnreadCount(2);
        List<String> changes = recordChanges();

        server.refuse(0, "a");
        runAll();

        assertThat(changes).isEmpty();
        assertThat(row("a").title()).isEqualTo("unread on the server");
        assertUnreadCount(2);
        assertThat(store.errorProperty().get()).isNull();
    }

    // ---- markAllAsRead

    @Test
    void markingAllAsReadIsOneListChangeAndOneCallInListOrder() {
        arriveOneByOne(unread("a"), read("b"), unread("c"), unread("d"));
        List<String> changes = recordChanges();

        store.markAllAsRead();

        assertThat(changes).hasSize(1);
        assertThat(store.notifications()).allMatch(Notification::read);
        assertThat(ids()).containsExactly("d", "c", "b", "a");
        assertUnreadCount(0);
        assertThat(server.sent).containsExactly(List.of("d", "c", "a"));
    }

    @Test
    void markingAllAsReadWithNothingUnreadSendsNothing() {
        store.markAllAsRead(); // empty
        arriveOneByOne(read("a"), read("b"));
        List<String> changes = recordChanges();

        store.markAllAsRead();

        assertThat(server.sent).isEmpty();
        assertThat(changes).isEmpty();
        assertUnreadCount(0);
    }

    @Test
    void aPartlyRefusedMarkAllRollsBackOnlyTheRefusedOnes() {
        arriveOneByOne(unread("a"), unread("b"), unread("c"), unread("d"));
        store.markAllAsRead();

        server.refuse(0, "c", "a");
        runAll();

        assertThat(row("a").read()).isFalse();
        assertThat(row("b").read()).isTrue();
        assertThat(row("c").read()).isFalse();
        assertThat(row("d").read()).isTrue();
        assertThat(ids()).containsExactly("d", "c", "b", "a");
        assertUnreadCount(2);
        assertThat(store.errorProperty().get().message()).contains("2");
    }

    // ---- notification:updated

    @Test
    void anUpdateReplacesAHeldOneInPlaceAndAdjustsTheCount() {
        arriveOneByOne(unread("a"), unread("b"), read("c"));
        List<String> changes = recordChanges();

        update(titled(read("b"), "b read"));
        assertThat(ids()).containsExactly("c", "b", "a");
        assertThat(row("b").title()).isEqualTo("b read");
        assertUnreadCount(1);

        update(titled(unread("c"), "c unread"));
        assertThat(ids()).containsExactly("c", "b", "a");
        assertThat(row("c").title()).isEqualTo("c unread");
        assertUnreadCount(2);

        update(titled(unread("c"), "c renamed"));
        assertThat(row("c").title()).isEqualTo("c renamed");
        assertUnreadCount(2);

        assertThat(changes).containsExactly("replaced 1..2", "replaced 0..1", "replaced 0..1");
    }

    @Test
    void anUpdateForAnIdNotHeldIsIgnored() {
        newStore(2);
        arriveOneByOne(unread("a"), unread("b"), unread("c")); // a is evicted
        List<String> changes = recordChanges();

        update(unread("never-seen"));
        update(read("a"));

        assertThat(ids()).containsExactly("c", "b");
        assertThat(changes).isEmpty();
        assertUnreadCount(2);
    }

    // ---- restore

    @Test
    void restoredHistoryIsShownNewestFirst() {
        store.restore(List.of(read("h1"), unread("h2"), unread("h3")));

        assertThat(ids()).containsExactly("h3", "h2", "h1");
        assertUnreadCount(2);
    }

    @Test
    void theSameIdsArrivingAfterARestoreReplaceTheirRowsInPlace() {
        store.restore(List.of(unread("h1"), unread("h2"), read("h3")));

        arriveInOneRun(titled(read("h2"), "from the server"), unread("h1"), unread("new"));

        assertThat(ids()).containsExactly("new", "h3", "h2", "h1");
        assertThat(row("h2").title()).isEqualTo("from the server");
        assertUnreadCount(2);
    }

    @Test
    void restoringMoreThanTheCapKeepsTheNewest() {
        newStore(3);

        store.restore(List.of(unread("h1"), unread("h2"), read("h3"), unread("h4"), unread("h5")));

        assertThat(ids()).containsExactly("h5", "h4", "h3");
        assertUnreadCount(2);
    }

    // ---- newestCreatedAt

    @Test
    void newestCreatedAtIsTheNewestOfEverythingAppliedAndNeverGoesBack() {
        assertThat(store.newestCreatedAt()).isEmpty();

        store.restore(List.of(createdAt(read("h1"), T0), createdAt(read("h2"), T0.plus(Duration.ofHours(1)))));
        assertThat(store.newestCreatedAt()).contains(T0.plus(Duration.ofHours(1)));

        arriveInOneRun(createdAt(unread("late"), T0)); // an older one that arrives late: on top, but older
        assertThat(ids().get(0)).isEqualTo("late");
        assertThat(store.newestCreatedAt()).contains(T0.plus(Duration.ofHours(1)));

        arriveInOneRun(createdAt(unread("newer"), T0.plus(Duration.ofHours(3))),
                createdAt(unread("older"), T0.minus(Duration.ofHours(5))));
        assertThat(store.newestCreatedAt()).contains(T0.plus(Duration.ofHours(3)));

        store.restore(List.of(createdAt(read("ancient"), T0.minus(Duration.ofDays(30)))));
        assertThat(store.newestCreatedAt()).contains(T0.plus(Duration.ofHours(3)));
    }

    // ---- sessions (end-to-end cases kept from before)

    @Test
    void forgettingASessionDropsWhatItHandedOverButNoRunApplied() {
        store.onNotification(unread("applied"));
        runAll();
        store.onNotification(unread("in-flight")); // the old socket's last notification: its run is still to come
        assertThat(storeTasks).hasSize(1);

        store.forgetSession(); // sign-out, on the store's thread, before that run
        runAll();

        assertThat(ids()).isEmpty();
        assertThat(store.unreadCount()).isZero();
    }

    @Test
    void clearingKeepsWhatIsOnItsWay() {
        store.onNotification(unread("applied"));
        runAll();
        store.onNotification(unread("just-arrived"));

        store.clearNotifications(); // the guide's clear: a notification on its way still shows
        runAll();

        assertThat(ids()).containsExactly("just-arrived");
        assertThat(store.unreadCount()).isEqualTo(1);
    }

    @Test
    void theNextSessionCatchesUpOnEverythingNotOnlyOnWhatIsNewerThanTheOldOnesLast() {
        store.onNotification(unread("old-session"));
        runAll();
        assertThat(store.newestCreatedAt()).isPresent();

        store.forgetSession();
        runAll();

        assertThat(store.newestCreatedAt()).isEmpty(); // auth.since falls back to "everything unread"
    }

    // ---- clearing

    @Test
    void aClearedNotificationStaysClearedThroughRepeatsTheCatchUpAndUpdates() {
        arriveInOneRun(unread("a"), read("b"), unread("c"));
        assertThat(store.clear("b")).isEqualTo(1);
        assertThat(ids()).containsExactly("c", "a");
        assertThat(store.clearedIds()).containsExactly("b");

        arriveInOneRun(read("b"), unread("d")); // a repeat, as a catch-up brings it
        store.onNotificationUpdated(titled(read("b"), "Changed on the server"));
        runAll();
        assertThat(ids()).containsExactly("d", "c", "a");
        assertThat(store.unreadCount()).isEqualTo(3);
    }

    @Test
    void clearReadAndClearAllKeepTheCountAndUndoPutsThemBackWhereTheyWereBelowWhatCameSince() {
        arriveInOneRun(unread("a"), read("b"), read("c"), unread("d"), read("e"));
        assertThat(ids()).containsExactly("e", "d", "c", "b", "a");
        assertThat(store.clearRead()).isEqualTo(3);
        assertThat(ids()).containsExactly("d", "a");
        assertThat(store.unreadCount()).isEqualTo(2);

        arriveInOneRun(unread("f"));
        assertThat(store.undoClear()).isEqualTo(3);
        assertThat(ids()).containsExactly("f", "e", "d", "c", "b", "a");
        assertThat(store.clearedIds()).isEmpty();
        assertThat(store.canUndoClear()).isFalse();

        assertThat(store.clearAll()).isEqualTo(6);
        assertThat(ids()).isEmpty();
        assertThat(store.unreadCount()).isZero();
        store.forgetUndo(); // the Undo has gone
        assertThat(store.undoClear()).isZero();
        assertThat(store.clearedIds()).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
    }

    @Test
    void clearedIdsComeBackWithTheHistoryAndTheNextSessionStartsWithNone() {
        store.restore(List.of(unread("a"), unread("b")), List.of("a"));
        runAll();
        assertThat(ids()).containsExactly("b");
        store.forgetSession();
        runAll();
        assertThat(store.clearedIds()).isEmpty();
        arriveInOneRun(unread("a"));
        assertThat(ids()).as("another account's cleared ids are not this one's").containsExactly("a");
    }
}

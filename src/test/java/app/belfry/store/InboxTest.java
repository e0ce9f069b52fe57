package app.belfry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The inbox hands the store everything, in order, and never more than {@link Inbox#MAX_RUN} in one run. */
class InboxTest {

    @Test
    void aBacklogIsAppliedInRunsOfAtMostMaxRunInOrder() {
        ConcurrentLinkedQueue<Runnable> storeThread = new ConcurrentLinkedQueue<>(); // runs when the test says
        List<List<Integer>> runs = new ArrayList<>();
        Inbox<Integer> inbox = new Inbox<>(storeThread::add, 0, runs::add);
        int backlog = Inbox.MAX_RUN * 2 + 123;
        IntStream.range(0, backlog).forEach(inbox::post);

        assertThat(storeThread).as("one run scheduled for the whole backlog").hasSize(1);
        for (Runnable run; (run = storeThread.poll()) != null; ) {
            run.run();
        }

        assertThat(runs).extracting(List::size).containsExactly(Inbox.MAX_RUN, Inbox.MAX_RUN, 123);
        assertThat(runs.stream().flatMap(List::stream).toList())
                .isEqualTo(IntStream.range(0, backlog).boxed().toList());
    }

    @Test
    void eventsPostedWhileARunIsDueJoinIt() {
        ConcurrentLinkedQueue<Runnable> storeThread = new ConcurrentLinkedQueue<>();
        List<List<Integer>> runs = new ArrayList<>();
        Inbox<Integer> inbox = new Inbox<>(storeThread::add, 0, runs::add);
        inbox.post(1);
        inbox.post(2);
        storeThread.poll().run();
        inbox.post(3);
        storeThread.poll().run();

        assertThat(runs).containsExactly(List.of(1, 2), List.of(3));
        assertThat(storeThread).isEmpty();
    }
}

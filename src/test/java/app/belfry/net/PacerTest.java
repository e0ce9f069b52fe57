package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void aFewEventsGoAtOnce() {
        Pacer pacer = new Pacer(100, MINUTE);
        for (int i = 0; i < pacer.budget() / 2; i++) {
            assertThat(pacer.delayNanos(0)).isZero();
            pacer.record(0);
        }
    }

    @Test
    void theBudgetLeavesAMarginUnderTheLimit() {
        assertThat(new Pacer(100, MINUTE).budget()).isEqualTo(98);
        assertThat(new Pacer(1, MINUTE).budget()).isEqualTo(1);
    }

    /** Sends as fast as the pacer allows for ten minutes and checks every rolling minute, as the server counts. */
    @Test
    void noRollingWindowEverHoldsMoreThanTheLimit() {
        Pacer pacer = new Pacer(100, MINUTE);
        ArrayDeque<Long> window = new ArrayDeque<>();
        long now = 0;
        int sent = 0;
        int most = 0;
        while (now < 10 * MINUTE) {
            long delay = pacer.delayNanos(now);
            now += delay;
            pacer.record(now);
            sent++;
            window.addLast(now);
            while (now - window.peekFirst() >= MINUTE) {
                window.pollFirst();
            }
            most = Math.max(most, window.size());
        }
        assertThat(most).isLessThanOrEqualTo(100);
        assertThat(sent).as("throughput over ten minutes").isGreaterThan(900);
    }

    @Test
    void aNewConnectionStartsAFreshWindow() {
        Pacer pacer = new Pacer(4, MINUTE);
        for (int i = 0; i < 10; i++) {
            pacer.record(0);
        }
        assertThat(pacer.delayNanos(0)).isPositive();
        pacer.reset();
        assertThat(pacer.delayNanos(0)).isZero();
    }
}

package app.belfry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RateLimiter limiter = new RateLimiter(3, TimeUnit.MINUTES.toNanos(1), now::get);

    @Test
    void refusesTheEventOverTheLimitWithinTheWindow() {
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void theWindowRollsOneEventAtATime() {
        limiter.tryAcquire();
        now.addAndGet(TimeUnit.SECONDS.toNanos(30));
        limiter.tryAcquire();
        limiter.tryAcquire();
        assertThat(limiter.tryAcquire()).isFalse();
        now.addAndGet(TimeUnit.SECONDS.toNanos(30)); // the first event is now a minute old
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void refusedEventsDoNotCount() {
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire();
        }
        now.addAndGet(TimeUnit.MINUTES.toNanos(1));
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new RateLimiter(0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}

package app.belfry.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.testing.LogCapture;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Windows' setting, against a fake registry key: read at start, again at each change of the key, and no more. */
class RegistryColorSchemeTest {

    private static final long WAIT_SECONDS = 10;

    @RegisterExtension
    final LogCapture log = new LogCapture(DbusPopupSink.LOGGER_NAME);

    private final BlockingQueue<Boolean> readings = new LinkedBlockingQueue<>();
    private RegistryColorScheme scheme;

    /** A key whose value the test sets; each set is a change that ends the watcher's wait with that value. */
    static final class FakeKey implements RegistryColorScheme.ThemeKey {
        private volatile OptionalInt value;
        /** The values set, in order; empty for {@link #stop}. */
        private final BlockingQueue<Optional<OptionalInt>> changes = new LinkedBlockingQueue<>();
        private final CountDownLatch closed = new CountDownLatch(1);

        FakeKey(OptionalInt value) {
            this.value = value;
        }

        void set(int appsUseLightTheme) {
            changes.add(Optional.of(OptionalInt.of(appsUseLightTheme)));
        }

        @Override
        public OptionalInt appsUseLightTheme() {
            return value;
        }

        @Override
        public boolean awaitChange() {
            try {
                Optional<OptionalInt> change = changes.take();
                change.ifPresent(next -> value = next);
                return change.isPresent();
            } catch (InterruptedException e) {
                return false;
            }
        }

        @Override
        public void stop() {
            changes.add(Optional.empty());
        }

        @Override
        public void close() {
            closed.countDown();
        }

        boolean awaitClosed() throws InterruptedException {
            return closed.await(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stop() {
        if (scheme != null) {
            scheme.close();
        }
    }

    @Test
    void zeroIsDarkAndEachChangeOfTheKeyIsReadAgain() throws Exception {
        FakeKey key = new FakeKey(OptionalInt.of(0));
        scheme = RegistryColorScheme.start(() -> key, readings::add);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("AppsUseLightTheme 0").isTrue();

        key.set(1);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
        key.set(1); // another value of the key changed (the taskbar's, the accent colour): nothing to say
        key.set(0);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        key.set(1);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("nothing in between").isFalse();

        scheme.close();
        assertThat(key.awaitClosed()).as("the wait ends and the key is released").isTrue();
    }

    @Test
    void aWindowsWithoutTheValueIsLight() throws Exception {
        FakeKey key = new FakeKey(OptionalInt.empty());
        scheme = RegistryColorScheme.start(() -> key, readings::add);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aKeyThatCannotBeOpenedIsSaidOnceAndNothingIsReported() throws Exception {
        scheme = RegistryColorScheme.start(() -> {
            throw new IllegalStateException("no such key");
        }, readings::add);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> !log.lines().isEmpty());
        assertThat(log.lines()).singleElement().asString().contains("no such key", "light");
        assertThat(readings).isEmpty();
    }

    @Test
    void closedBeforeTheKeyIsOpenNothingIsReadAndTheKeyIsReleased() throws Exception {
        FakeKey key = new FakeKey(OptionalInt.of(0));
        CountDownLatch mayOpen = new CountDownLatch(1);
        scheme = RegistryColorScheme.start(() -> {
            mayOpen.await();
            return key;
        }, readings::add);
        scheme.close();
        mayOpen.countDown();
        assertThat(key.awaitClosed()).isTrue();
        assertThat(readings).isEmpty();
    }
}

package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwtPollingTest {

    @Test
    void onLinuxAwtsEventThreadWaitsAMinuteWithNothingToDoInsteadOfHalfASecond() {
        Map<String, String> environment = new LinkedHashMap<>();
        AwtPolling.apply("Linux", environment::put);
        assertThat(environment).containsExactly(Map.entry("_AWT_MAX_POLL_TIMEOUT", "60000"));
    }

    @Test
    void elsewhereAwtHasNoSuchWait() {
        Map<String, String> environment = new LinkedHashMap<>();
        AwtPolling.apply("Windows 11", environment::put);
        AwtPolling.apply("Mac OS X", environment::put);
        assertThat(environment).isEmpty();
    }
}

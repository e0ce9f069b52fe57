package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessClockTest {

    @Test
    void theStartIsReadAfterANameWithSpacesAndParentheses() {
        String stat = "4242 (Belfry (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 30 0 981234 "
                + "8730092 60000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessClock.millisSinceStart(stat, "9815.30 12530.16\n")).isEqualTo(9_815_300 - 9_812_340);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxTheProcessIsAsOldAsItsJvmGiveOrTakeTheLaunch() {
        long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
        OptionalLong processAge = ProcessClock.linuxMillisSinceStart();
        assertThat(processAge).isPresent();
        // The JVM starts a few tens of milliseconds after its process; /proc is exact to 10 ms. The start instant
        // of ProcessHandle was off by up to a second here, which this would catch.
        assertThat(processAge.getAsLong()).isBetween(jvmUptime - 20, jvmUptime + 400);
    }
}

package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.testing.PrivateSessionBus;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * logind's and NetworkManager's signals, sent on a real dbus-daemon of the test's own (standing in for the system
 * bus), reach the watch's listeners; going to sleep does not, and neither does anything when the bus is missing.
 */
class SystemBusSignalsTest {

    @TempDir
    Path dir;

    private PrivateSessionBus bus;
    private DBusConnection sender;
    private SystemBusSignals signals;
    private final NetworkWatch watch = new NetworkWatch(() -> 0, () -> 0, Set::of);
    private final BlockingQueue<NetworkWatch.Reason> heard = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() throws Exception {
        if (signals != null) {
            signals.close();
        }
        if (sender != null) {
            sender.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void wakeAndNetworkChangesOnTheSystemBusReachTheWatch() throws Exception {
        bus = PrivateSessionBus.start(dir);
        watch.addListener(heard::add);
        signals = SystemBusSignals.listen(Map.of("DBUS_SYSTEM_BUS_ADDRESS", bus.address()), watch).orElseThrow();
        sender = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();

        sender.sendMessage(new SystemBusSignals.Login1Manager.PrepareForSleep(
                SystemBusSignals.Login1Manager.OBJECT_PATH, true)); // going to sleep: nothing to do yet
        sender.sendMessage(new SystemBusSignals.Login1Manager.PrepareForSleep(
                SystemBusSignals.Login1Manager.OBJECT_PATH, false));
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(NetworkWatch.Reason.WOKE);

        sender.sendMessage(new SystemBusSignals.NetworkManager.StateChanged(
                SystemBusSignals.NetworkManager.OBJECT_PATH, new UInt32(70)));
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(NetworkWatch.Reason.NETWORK_CHANGED);
        assertThat(heard).as("going to sleep is nothing to act on").isEmpty();
    }

    @Test
    void withoutASystemBusTheWatchsOwnChecksDoTheWork() {
        Optional<SystemBusSignals> none = SystemBusSignals.listen(
                Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + dir.resolve("no-bus-here")), watch);
        assertThat(none).isEmpty();
    }
}

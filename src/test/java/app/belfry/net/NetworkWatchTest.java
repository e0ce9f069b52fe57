package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.ConnectionState;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import app.belfry.testing.Client;
import app.belfry.testing.Relay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sleep and network changes: the watch notices them from the clocks and the interfaces (both fakes here), and a
 * connection told so opens again at once, where it would otherwise wait for its pings or its back-off, or, once its
 * attempts are spent, for the user.
 */
class NetworkWatchTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "lovelace-1815");

    /** The fake machine: a wall clock, a monotonic clock and the interfaces' addresses, moved by the test. */
    private final AtomicLong wall = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong monotonic = new AtomicLong(5_000_000_000L);
    private final AtomicReference<Set<String>> addresses = new AtomicReference<>(Set.of("wlan0/192.168.1.20"));
    private final List<NetworkWatch.Reason> heard = new ArrayList<>();
    private final NetworkWatch watch = new NetworkWatch(wall::get, monotonic::get, addresses::get);

    private ReferenceServer server;
    private Relay relay;
    private Client client;

    @AfterEach
    void stop() {
        watch.close();
        if (client != null) {
            client.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void pass(long wallMillis, long monotonicMillis) {
        wall.addAndGet(wallMillis);
        monotonic.addAndGet(TimeUnit.MILLISECONDS.toNanos(monotonicMillis));
        watch.check();
    }

    @Test
    void sleepIsAJumpOfTheWallClockAgainstTheMonotonicOne() {
        watch.addListener(heard::add);
        pass(2_000, 2_000);
        pass(2_100, 1_900); // ordinary drift
        assertThat(heard).isEmpty();

        pass(3_600_000, 2_000); // an hour with the lid closed: the monotonic clock stood still
        assertThat(heard).containsExactly(NetworkWatch.Reason.WOKE);

        pass(2_000, 2_000);
        pass(-3_600_000, 2_000); // the clock set back by an hour: no sleep
        assertThat(heard).containsExactly(NetworkWatch.Reason.WOKE);

        pass(45_000, 45_000); // where the monotonic clock goes on during sleep, the check itself comes late
        assertThat(heard).containsExactly(NetworkWatch.Reason.WOKE, NetworkWatch.Reason.WOKE);
    }

    @Test
    void aChangeOfTheAddressesIsANetworkChange() {
        watch.addListener(heard::add);
        pass(2_000, 2_000);
        assertThat(heard).isEmpty();

        addresses.set(Set.of("wlan0/10.0.0.7")); // another Wi-Fi
        pass(2_000, 2_000);
        assertThat(heard).containsExactly(NetworkWatch.Reason.NETWORK_CHANGED);
        pass(2_000, 2_000);
        assertThat(heard).hasSize(1); // one change, told once

        addresses.set(Set.of("wlan0/10.0.0.7", "tun0/172.16.0.2")); // a VPN comes up
        pass(2_000, 2_000);
        assertThat(heard).hasSize(2);

        addresses.set(Set.of()); // the interfaces cannot be listed: no news is no change
        NetworkWatch failing = new NetworkWatch(wall::get, monotonic::get, () -> {
            throw new IllegalStateException("no interfaces");
        });
        failing.addListener(heard::add);
        failing.check();
        assertThat(heard).hasSize(2);
    }

    /**
     * Where the kernel tells of changes (netlink, on Linux), the checks every 2 s read the clocks only: listing the
     * interfaces is what cost; the kernel's notice has them compared, and only a real change is told.
     */
    @Test
    void whereTheKernelTellsOfChangesTheChecksLeaveTheInterfacesAloneAndANoticeLooksAtThem() {
        AtomicLong listings = new AtomicLong();
        NetworkWatch told = new NetworkWatch(wall::get, monotonic::get, () -> {
            listings.incrementAndGet();
            return addresses.get();
        });
        told.addListener(heard::add);
        told.kernelTells(true);
        long atStart = listings.get();

        wall.addAndGet(2_000);
        monotonic.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_000));
        told.check();
        addresses.set(Set.of("wlan0/10.0.0.7"));
        wall.addAndGet(2_000);
        monotonic.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_000));
        told.check();
        assertThat(listings.get()).as("no listing in a check").isEqualTo(atStart);
        assertThat(heard).isEmpty();

        told.compareAddresses(); // the kernel said something changed
        assertThat(heard).containsExactly(NetworkWatch.Reason.NETWORK_CHANGED);
        told.compareAddresses(); // a notice about a bridge, a counter: nothing that matters
        assertThat(heard).hasSize(1);

        wall.addAndGet(3_600_000); // sleep is still the checks' to notice
        monotonic.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_000));
        told.check();
        assertThat(heard).containsExactly(NetworkWatch.Reason.NETWORK_CHANGED, NetworkWatch.Reason.WOKE);

        told.kernelTells(false); // its notices stopped: the checks list the interfaces again
        addresses.set(Set.of("eth0/10.1.2.3"));
        wall.addAndGet(2_000);
        monotonic.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_000));
        told.check();
        assertThat(heard).endsWith(NetworkWatch.Reason.NETWORK_CHANGED).hasSize(3);
    }

    /** On Linux the kernel's notices are had without privileges. */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void onLinuxTheKernelsNoticesCanBeHad() {
        java.util.Optional<KernelNetworkNotices> notices = KernelNetworkNotices.listen(() -> { }, () -> { });
        assertThat(notices).isPresent();
        notices.get().close();
    }

    @Test
    void containerBridgesAreNotThePathToAServer() {
        assertThat(NetworkWatch.isVirtualBridge("docker0")).isTrue();
        assertThat(NetworkWatch.isVirtualBridge("veth12ab")).isTrue();
        assertThat(NetworkWatch.isVirtualBridge("br-5f3a")).isTrue();
        assertThat(NetworkWatch.isVirtualBridge("wlan0")).isFalse();
        assertThat(NetworkWatch.isVirtualBridge("tun0")).isFalse(); // a VPN is a path
        assertThat(NetworkWatch.interfaceAddresses()).noneMatch(a -> a.startsWith("lo/"));
    }

    /**
     * After wake, a connection whose path died while the machine slept reconnects at once and catches up, long before
     * its pings would have noticed (4 to 8 s).
     */
    @Test
    void afterWakeADeadConnectionOpensAgainAtOnceAndCatchesUp() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        relay = new Relay(server.port());
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        client = new Client(relay.url(), 100, o -> o.withTransports(List.of("websocket")));
        client.connect(new Credentials.BearerToken(token)).awaitConnected();
        watch.addListener(reason -> client.service.reopen(reason));
        TimeUnit.MILLISECONDS.sleep(SocketConnection.REOPEN_QUIET_MILLIS); // an opening this recent is left alone

        relay.blackholeOpenConnections(); // the lid closes: the flow is gone, nothing is closed
        Notification meanwhile = server.publish(server.userId(ADA.email()), NotificationType.INFO, "While asleep", "");
        long woke = System.nanoTime();
        pass(3_600_000, 2_000);
        client.thread.await(client.store, "reconnected after wake, and caught up", Duration.ofSeconds(20),
                s -> s.isConnectedNow() && s.notifications().stream().anyMatch(n -> n.id().equals(meanwhile.id())));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - woke);
        System.out.printf("Reconnected and caught up %d ms after wake%n", millis);
        assertThat(millis).as("well before the pings' 4 s").isLessThan(SocketConnection.DEAD_PATH_PING_MILLIS);
    }

    /** Once the attempts are spent, Belfry waits for the user; a network change is worth another try by itself. */
    @Test
    void aNetworkChangeTriesAgainAfterTheAttemptsAreSpent() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        client = new Client(server.url(), 100, o -> o.withReconnection(true, 1, 100, 100));
        client.connect(new Credentials.BearerToken(token)).awaitConnected();
        watch.addListener(reason -> client.service.reopen(reason));

        server.stopListening(); // the café's Wi-Fi is gone
        client.thread.await(client.store, "the attempts spent", Duration.ofSeconds(20),
                s -> s.statusProperty().get().retriesExhausted());
        server.resumeListening();
        client.thread.assertStays(client.store, "waiting for the user", Duration.ofSeconds(1),
                s -> !s.isConnectedNow());

        addresses.set(Set.of("eth0/10.1.2.3")); // plugged in at the office
        pass(2_000, 2_000);
        client.thread.await(client.store, "connected again after the network change", Duration.ofSeconds(10),
                s -> s.isConnectedNow());
        assertThat(client.store.statusProperty().get().state()).isEqualTo(ConnectionState.CONNECTED);
    }
}

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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A path that dies silently (a relay that stops forwarding without closing anything: a sleeping laptop, a NAT that
 * forgot the flow) is noticed within 10 s over WebSocket, and Belfry reconnects and catches up on what was published
 * meanwhile. The server's own heartbeat (25 s + 60 s) would take 85 s. Prints the times it took.
 */
class DeadPathTest {

    private static final UserAccount ADA = new UserAccount("ada@example.com", "lovelace-1815");
    private static final int BLACKHOLES = 10;

    private ReferenceServer server;
    private Relay relay;
    private Client client;

    @AfterEach
    void stop() {
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

    /** The pings cost a live path nothing: both servers answer them, and the connection stays up while idle. */
    @Test
    void aLivePathStaysUpOnBothServersWhileIdle() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        client = new Client(server.url(), 100, o -> o.withTransports(List.of("websocket")));
        client.connect(new Credentials.BearerToken(token)).awaitConnected();
        Duration idle = Duration.ofMillis(SocketConnection.DEAD_PATH_PING_MILLIS * 3);
        client.thread.assertStays(client.store, "connected to the reference backend", idle, s -> s.isConnectedNow());
        client.close();
        client = null;

        try (app.belfry.testing.NodeServer node = app.belfry.testing.NodeServer.start()) {
            app.belfry.testing.NodeServer.Session session = node.signIn("ada@example.com", "ada-password");
            client = new Client(node.url(), 100, o -> o.withTransports(List.of("websocket")));
            client.connect(new Credentials.BearerToken(session.token())).awaitConnected();
            client.thread.assertStays(client.store, "connected to the guide's Node server", idle,
                    s -> s.isConnectedNow());
        }
    }

    @Test
    void aSilentlyDeadPathIsNoticedWithinTenSecondsAndNothingPublishedMeanwhileIsLost() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ADA)));
        relay = new Relay(server.port());
        String token = new AuthClient(ConnectionOptions.defaults(server.url())).signIn(ADA.email(), ADA.password())
                .token();
        client = new Client(relay.url(), 100, o -> o.withTransports(List.of("websocket")));
        client.connect(new Credentials.BearerToken(token)).awaitConnected();
        String user = server.userId(ADA.email());

        List<Long> millis = new ArrayList<>();
        java.util.Random random = new java.util.Random(12);
        for (int round = 0; round < BLACKHOLES; round++) {
            // The scenario's timing, not a synchronization: the path dies at some moment of a working connection,
            // after its first ping and pong, at any phase of the ping interval.
            TimeUnit.MILLISECONDS.sleep(SocketConnection.DEAD_PATH_PING_MILLIS + 500
                    + random.nextInt((int) SocketConnection.DEAD_PATH_PING_MILLIS));
            long start = System.nanoTime();
            relay.blackholeOpenConnections();
            Notification meanwhile = server.publish(user, NotificationType.INFO, "While away " + round, "");
            client.thread.await(client.store, "the dead path noticed (round " + round + ")", Duration.ofSeconds(30),
                    s -> s.statusProperty().get().state() != ConnectionState.CONNECTED);
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            client.thread.await(client.store, "reconnected, and caught up (round " + round + ")",
                    Duration.ofSeconds(30), s -> s.isConnectedNow()
                            && s.notifications().stream().anyMatch(n -> n.id().equals(meanwhile.id())));
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("Dead path noticed after (ms, %d blackholes): median %d, max %d, all %s%n", BLACKHOLES,
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis);
        assertThat(sorted.get(sorted.size() - 1)).as("every dead path noticed within 10 s").isLessThan(10_000);
    }
}

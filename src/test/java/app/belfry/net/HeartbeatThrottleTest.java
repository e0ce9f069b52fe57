package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.server.ReferenceServer;
import app.belfry.server.ServerOptions;
import app.belfry.server.UserAccount;
import io.socket.emitter.Emitter;
import io.socket.engineio.client.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeartbeatThrottleTest {

    @Test
    void heartbeatsPassAtMostOncePerInterval() {
        Emitter engine = new Emitter();
        AtomicInteger armed = new AtomicInteger();
        engine.on(Socket.EVENT_HEARTBEAT, args -> armed.incrementAndGet());
        long[] now = {5_000_000_000L};
        HeartbeatThrottle.wrap(engine, () -> now[0]);

        for (int i = 0; i < 1000; i++) {
            engine.emit(Socket.EVENT_HEARTBEAT);
        }
        assertThat(armed).hasValue(0); // the engine armed its timeout just before the wrap
        now[0] += HeartbeatThrottle.MIN_INTERVAL_NANOS;
        engine.emit(Socket.EVENT_HEARTBEAT);
        engine.emit(Socket.EVENT_HEARTBEAT);
        assertThat(armed).hasValue(1);
        now[0] += HeartbeatThrottle.MIN_INTERVAL_NANOS - 1;
        engine.emit(Socket.EVENT_HEARTBEAT);
        assertThat(armed).hasValue(1);
        now[0] += 1;
        engine.emit(Socket.EVENT_HEARTBEAT);
        assertThat(armed).hasValue(2);
    }

    @Test
    void wrappingTwiceDoesNotStackThrottles() {
        Emitter engine = new Emitter();
        engine.on(Socket.EVENT_HEARTBEAT, args -> { });
        HeartbeatThrottle.wrap(engine, System::nanoTime);
        List<Emitter.Listener> once = engine.listeners(Socket.EVENT_HEARTBEAT);
        HeartbeatThrottle.wrap(engine, System::nanoTime);
        assertThat(engine.listeners(Socket.EVENT_HEARTBEAT)).isEqualTo(once);
    }

    /** Proves the reflection on the pinned library: the live engine of a connected socket is throttled. */
    @Test
    void theEngineOfAConnectedSocketIsThrottled() throws Exception {
        UserAccount ada = new UserAccount("ada@example.com", "lovelace");
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ada)));
                SocketConnection connection = new SocketConnection(ConnectionOptions.defaults(server.url()))) {
            CompletableFuture<Boolean> throttled = new CompletableFuture<>();
            connection.onConnected(() -> throttled.complete(connection.heartbeatThrottled()));
            String token = new AuthClient(ConnectionOptions.defaults(server.url()))
                    .signIn(ada.email(), ada.password()).token();
            connection.connect(new Credentials.BearerToken(token));
            assertThat(throttled.get(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Sign-out closes the connection after its HTTP call: a late second "disconnected" would reach a newer one's store. */
    @Test
    void closingAfterDisconnectSaysNothingMore() throws Exception {
        UserAccount ada = new UserAccount("ada@example.com", "lovelace");
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withUsers(List.of(ada)))) {
            SocketConnection connection = new SocketConnection(ConnectionOptions.defaults(server.url()));
            List<app.belfry.model.ConnectionStatus> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<Void> connected = new CompletableFuture<>();
            connection.addStatusListener(statuses::add);
            connection.onConnected(() -> connected.complete(null));
            String token = new AuthClient(ConnectionOptions.defaults(server.url()))
                    .signIn(ada.email(), ada.password()).token();
            connection.connect(new Credentials.BearerToken(token));
            connected.get(20, TimeUnit.SECONDS);
            connection.disconnect().get(10, TimeUnit.SECONDS);
            int before = statuses.size();
            assertThat(statuses.get(before - 1).state()).isEqualTo(app.belfry.model.ConnectionState.DISCONNECTED);

            connection.close();
            assertThat(statuses).hasSize(before);
        }
    }
}

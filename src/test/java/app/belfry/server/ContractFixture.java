package app.belfry.server;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Events;
import io.socket.client.IO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One reference server on loopback with two users, Alice and Bob, and every socket a test opened against it;
 * {@link #close()} closes them all, then the server.
 */
final class ContractFixture implements AutoCloseable {

    static final UserAccount ALICE = new UserAccount("alice@belfry.test", "alice-secret-1");
    static final UserAccount BOB = new UserAccount("bob@belfry.test", "bob-secret-2");

    final ReferenceServer server;
    final BackendHttp http;
    private final List<RecordedSocket> sockets = new CopyOnWriteArrayList<>();

    private ContractFixture(ReferenceServer server) {
        this.server = server;
        this.http = new BackendHttp(server.url(), server.adminToken());
    }

    /** A server with the defaults, Alice and Bob as its users. */
    static ContractFixture start() {
        return start(options -> options);
    }

    /** A server with the defaults, Alice and Bob as its users, then {@code customise} applied. */
    static ContractFixture start(UnaryOperator<ServerOptions> customise) {
        ServerOptions options = customise.apply(ServerOptions.defaults().withUsers(List.of(ALICE, BOB)));
        try {
            return new ContractFixture(ReferenceServer.start(options));
        } catch (IOException e) {
            throw new UncheckedIOException("reference server did not start", e);
        }
    }

    Session signIn(UserAccount account) {
        return http.signIn(account);
    }

    /** A socket on {@code /notifications}, not yet opened: forceNew, no reconnection, one transport only. */
    RecordedSocket socket(SocketTransport transport, HandshakeAuth auth) {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.transports = transport.only();
        options.upgrade = false;
        options.timeout = 10_000;
        options.extraHeaders = auth.extraHeaders();
        options.auth = auth.authPayload();
        RecordedSocket socket = new RecordedSocket(IO.socket(URI.create(server.url() + Events.NAMESPACE), options));
        sockets.add(socket);
        return socket;
    }

    /** A connected socket; fails if the handshake is refused. */
    RecordedSocket connect(SocketTransport transport, HandshakeAuth auth) {
        RecordedSocket socket = socket(transport, auth).connect();
        assertThat(socket.transportsUsed()).as("Engine.IO transports").containsExactly(transport.only());
        return socket;
    }

    /** A title no other notification of the run carries, so that a test can tell its notifications apart. */
    static String uniqueTitle(String what) {
        return what + " " + UUID.randomUUID();
    }

    @Override
    public void close() {
        for (RecordedSocket socket : sockets) {
            socket.close();
        }
        server.close();
    }
}

package app.belfry.server;

import static app.belfry.server.ContractFixture.ALICE;
import static app.belfry.server.ContractFixture.uniqueTitle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.model.ErrorCodes;
import app.belfry.model.Events;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rules that depend on a server option: the per-connection rate limit, and a backend without the batch ext. */
class ServerOptionsContractTest {

    /** How long a backend without the batch extension is given to (wrongly) answer it. */
    private static final long NO_ACK_WINDOW_MILLIS = 2_000;

    /** An {@code auth.since} before anything: every unread notification is replayed. */
    private static final String EPOCH = "1970-01-01T00:00:00.000Z";

    private ContractFixture fixture;

    @AfterEach
    void stopServer() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void the101stEventInAMinuteIsDroppedAsRateLimited(SocketTransport transport) {
        fixture = ContractFixture.start(options -> options.withRateLimit(Events.DEFAULT_RATE_LIMIT_PER_MINUTE));
        Session alice = fixture.signIn(ALICE);
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookie(alice));
        String readMany = fixture.http.notifyUser(alice, uniqueTitle("read many times")).path("id").asText();
        String readLast = fixture.http.notifyUser(alice, uniqueTitle("read by the 101st")).path("id").asText();

        // Every client event counts: subscribe and mark:read alternate. One at a time, so that the server sees
        // them in this order whatever the transport batches.
        List<Boolean> successes = new ArrayList<>();
        for (int i = 0; i < Events.DEFAULT_RATE_LIMIT_PER_MINUTE; i++) {
            JsonNode ack = i % 2 == 0
                    ? socket.emitAndAwaitAck(Events.SUBSCRIBE_CHANNEL,
                            ChannelContractTest.channel(alice.subChannel("topic-" + i)))
                    : socket.emitAndAwaitAck(Events.MARK_READ, MarkReadContractTest.markRead(readMany));
            successes.add(ack.path("success").asBoolean(false));
        }
        JsonNode refused = socket.emitAndAwaitAck(Events.MARK_READ, MarkReadContractTest.markRead(readLast));

        assertThat(successes).as("the first 100 acks").hasSize(100).containsOnly(true);
        assertThat(refused.path("success").asBoolean(true)).as("the 101st ack: %s", refused).isFalse();
        assertThat(socket.nextErrorCode()).isEqualTo(ErrorCodes.RATE_LIMITED);
        assertThat(socket.drain(Events.ERROR)).as("errors besides the one RATE_LIMITED").isEmpty();

        // Dropped means not applied; and the limit is per connection, so a second one starts afresh.
        RecordedSocket second = fixture.connect(transport, HandshakeAuth.cookie(alice).since(EPOCH));
        JsonNode replayed = second.nextNew();
        assertThat(replayed.path("id").asText()).as("still unread: %s", replayed).isEqualTo(readLast);
        JsonNode ack = second.emitAndAwaitAck(Events.MARK_READ, MarkReadContractTest.markRead(readLast));
        assertThat(ack.path("success").asBoolean(false)).as("on a second connection: %s", ack).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void withoutTheBatchExtensionTheServerNeverAnswersABatch(SocketTransport transport) throws Exception {
        fixture = ContractFixture.start(options -> options.withBatch(false));
        Session alice = fixture.signIn(ALICE);
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookie(alice));
        String id = fixture.http.notifyUser(alice, uniqueTitle("batch-less")).path("id").asText();

        CompletableFuture<JsonNode> ack = socket.emitForAck(Events.MARK_READ_BATCH,
                MarkReadContractTest.markReadBatch(List.of(id)));

        // The one wait for nothing in the suite: the contract's rule is that no answer comes.
        assertThatThrownBy(() -> ack.get(NO_ACK_WINDOW_MILLIS, TimeUnit.MILLISECONDS))
                .isInstanceOf(TimeoutException.class);
        JsonNode single = socket.emitAndAwaitAck(Events.MARK_READ, MarkReadContractTest.markRead(id));
        assertThat(single.path("success").asBoolean(false)).as("the fallback, single mark:read: %s", single)
                .isTrue();
    }

    @Test
    void defaultsAllowAtLeastTheContractsRateOnAFreshConnection() {
        fixture = ContractFixture.start();
        Session alice = fixture.signIn(ALICE);
        RecordedSocket socket = fixture.connect(SocketTransport.WEBSOCKET, HandshakeAuth.cookie(alice));
        String id = fixture.http.notifyUser(alice, uniqueTitle("default limit")).path("id").asText();

        for (int i = 0; i < Events.DEFAULT_RATE_LIMIT_PER_MINUTE; i++) {
            JsonNode ack = socket.emitAndAwaitAck(Events.MARK_READ, MarkReadContractTest.markRead(id));
            assertThat(ack.path("success").asBoolean(false)).as("ack %d: %s", i + 1, ack).isTrue();
        }
        assertThat(socket.drain(Events.ERROR)).isEmpty();
    }
}

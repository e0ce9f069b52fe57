package app.belfry.server;

import static app.belfry.server.ContractFixture.ALICE;
import static app.belfry.server.ContractFixture.BOB;
import static app.belfry.server.ContractFixture.uniqueTitle;
import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.ErrorCodes;
import app.belfry.model.Events;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/PROTOCOL.md, "Events": {@code mark:read}, its fan-out to every device, and "mark:read:batch (ext)".
 */
class MarkReadContractTest {

    private ContractFixture fixture;
    private Session alice;

    @BeforeEach
    void startServer() {
        fixture = ContractFixture.start();
        alice = fixture.signIn(ALICE);
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void markReadIsAcknowledgedAndReachesEveryDeviceOfTheUser(SocketTransport transport) {
        RecordedSocket laptop = fixture.connect(transport, HandshakeAuth.cookie(alice));
        RecordedSocket phone = fixture.connect(transport, HandshakeAuth.token(alice));
        JsonNode stored = fixture.http.notifyUser(alice, uniqueTitle("to read"));
        String id = stored.path("id").asText();

        JsonNode ack = laptop.emitAndAwaitAck(Events.MARK_READ, markRead(id));

        assertThat(ack.path("success").asBoolean(false)).as("ack %s", ack).isTrue();
        for (RecordedSocket device : List.of(laptop, phone)) {
            JsonNode updated = device.nextUpdated();
            HttpApiContractTest.assertNotificationShape(updated);
            assertThat(updated.path("id").asText()).isEqualTo(id);
            assertThat(updated.path("read").asBoolean(false)).as("%s", updated).isTrue();
            // "the whole object": everything but read as stored.
            for (String field : List.of("type", "title", "message", "createdAt")) {
                assertThat(updated.path(field)).as(field).isEqualTo(stored.path(field));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void markReadWithoutAnAckStillUpdates(SocketTransport transport) {
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.token(alice));
        String id = fixture.http.notifyUser(alice, uniqueTitle("no ack wanted")).path("id").asText();

        socket.emit(Events.MARK_READ, markRead(id));

        JsonNode updated = socket.nextUpdated();
        assertThat(updated.path("id").asText()).isEqualTo(id);
        assertThat(updated.path("read").asBoolean(false)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void markReadIsIdempotent(SocketTransport transport) {
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookie(alice));
        String id = fixture.http.notifyUser(alice, uniqueTitle("read twice")).path("id").asText();

        JsonNode first = socket.emitAndAwaitAck(Events.MARK_READ, markRead(id));
        JsonNode second = socket.emitAndAwaitAck(Events.MARK_READ, markRead(id));

        assertThat(first.path("success").asBoolean(false)).as("first ack %s", first).isTrue();
        assertThat(second.path("success").asBoolean(false)).as("repeated ack %s", second).isTrue();
        assertThat(socket.drain(Events.ERROR)).as("errors").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void markReadOfAnUnknownIdIsNotFound(SocketTransport transport) {
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookie(alice));

        JsonNode ack = socket.emitAndAwaitAck(Events.MARK_READ, markRead(UUID.randomUUID().toString()));

        assertThat(socket.nextErrorCode()).isEqualTo(ErrorCodes.NOT_FOUND);
        assertThat(ack.path("success").asBoolean(true)).as("ack %s", ack).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void markReadCannotTouchAnotherUsersNotification(SocketTransport transport) {
        Session bob = fixture.signIn(BOB);
        RecordedSocket aliceSocket = fixture.connect(transport, HandshakeAuth.cookie(alice));
        RecordedSocket bobSocket = fixture.connect(transport, HandshakeAuth.cookie(bob));
        String bobsId = fixture.http.notifyUser(bob, uniqueTitle("bob's")).path("id").asText();
        bobSocket.nextNew();

        JsonNode ack = aliceSocket.emitAndAwaitAck(Events.MARK_READ, markRead(bobsId));

        assertThat(ack.path("success").asBoolean(true)).as("ack %s", ack).isFalse();
        // docs/PROTOCOL.md, "Events": the reference backend answers NOT_FOUND. The team's shared contract names no
        // code for this case, so FORBIDDEN passes too: to Alice the id is unknown, or it is not hers.
        assertThat(aliceSocket.nextErrorCode()).isIn(ErrorCodes.NOT_FOUND, ErrorCodes.FORBIDDEN);
        JsonNode own = bobSocket.emitAndAwaitAck(Events.MARK_READ, markRead(bobsId));
        assertThat(own.path("success").asBoolean(false)).as("Bob's own ack %s", own).isTrue();
        JsonNode updated = bobSocket.nextUpdated();
        assertThat(updated.path("id").asText()).isEqualTo(bobsId);
        assertThat(updated.path("read").asBoolean(false)).isTrue();
        assertThat(bobSocket.drain(Events.NOTIFICATION_UPDATED)).as("updates Bob saw before his own").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void markReadWithANumberForIdIsABadRequest(SocketTransport transport) {
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookie(alice));

        JsonNode ack = socket.emitAndAwaitAck(Events.MARK_READ, new JSONObject(Map.of("notificationId", 42)));

        assertThat(socket.nextErrorCode()).isEqualTo(ErrorCodes.BAD_REQUEST);
        assertThat(ack.path("success").asBoolean(true)).as("ack %s", ack).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void markReadBatchListsTheUpdatedIdsAndFansOutTheUpdates(SocketTransport transport) {
        RecordedSocket laptop = fixture.connect(transport, HandshakeAuth.cookie(alice));
        RecordedSocket phone = fixture.connect(transport, HandshakeAuth.token(alice));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(fixture.http.notifyUser(alice, uniqueTitle("batch " + i)).path("id").asText());
        }

        JsonNode ack = laptop.emitAndAwaitAck(Events.MARK_READ_BATCH, markReadBatch(ids));

        assertThat(ack.path("success").asBoolean(false)).as("ack %s", ack).isTrue();
        assertThat(textsOf(ack.path("updated"))).containsExactlyInAnyOrderElementsOf(ids);
        for (RecordedSocket device : List.of(laptop, phone)) {
            List<String> updatedIds = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                JsonNode updated = device.nextUpdated();
                assertThat(updated.path("read").asBoolean(false)).as("%s", updated).isTrue();
                updatedIds.add(updated.path("id").asText());
            }
            assertThat(updatedIds).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void markReadBatchOfMoreThan100IdsIsABadRequest(SocketTransport transport) {
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookie(alice));
        String real = fixture.http.notifyUser(alice, uniqueTitle("in an oversized batch")).path("id").asText();
        List<String> ids = new ArrayList<>(List.of(real));
        while (ids.size() <= Events.MAX_BATCH) {
            ids.add(UUID.randomUUID().toString());
        }

        JsonNode ack = socket.emitAndAwaitAck(Events.MARK_READ_BATCH, markReadBatch(ids));

        assertThat(ack.path("success").asBoolean(true)).as("ack %s", ack).isFalse();
        assertThat(socket.nextErrorCode()).isEqualTo(ErrorCodes.BAD_REQUEST);
        assertThat(socket.drain(Events.NOTIFICATION_UPDATED)).as("updates from a refused batch").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void markReadBatchOfTheWrongShapeIsABadRequest(SocketTransport transport) {
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookie(alice));
        String id = fixture.http.notifyUser(alice, uniqueTitle("malformed batch")).path("id").asText();
        List<Object> payloads = List.of(
                new JSONObject(Map.of("notificationIds", id)),
                new JSONObject(Map.of("notificationIds", new JSONArray(List.of(id, 42)))),
                new JSONObject(),
                new JSONArray(List.of(id)));

        for (Object payload : payloads) {
            JsonNode ack = socket.emitAndAwaitAck(Events.MARK_READ_BATCH, payload);

            assertThat(ack.path("success").asBoolean(true)).as("ack for %s: %s", payload, ack).isFalse();
            assertThat(socket.nextErrorCode()).as("error for %s", payload).isEqualTo(ErrorCodes.BAD_REQUEST);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void receivedEventsRecordsOneMarkReadExactlyOnce(SocketTransport transport) {
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookie(alice));
        String id = fixture.http.notifyUser(alice, uniqueTitle("recorded")).path("id").asText();

        socket.emitAndAwaitAck(Events.MARK_READ, markRead(id));

        List<ReceivedEvent> markReads = fixture.server.receivedEvents().stream()
                .filter(event -> Events.MARK_READ.equals(event.event()))
                .toList();
        assertThat(markReads).hasSize(1);
        assertThat(markReads.get(0).userId()).isEqualTo(alice.userId());
        assertThat(BackendHttp.json(markReads.get(0).payloadJson()).path("notificationId").asText()).isEqualTo(id);
    }

    static JSONObject markRead(String id) {
        return new JSONObject(Map.of("notificationId", id));
    }

    static JSONObject markReadBatch(List<String> ids) {
        return new JSONObject(Map.of("notificationIds", new JSONArray(ids)));
    }

    static List<String> textsOf(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}

package app.belfry.server;

import static app.belfry.server.ContractFixture.ALICE;
import static app.belfry.server.ContractFixture.BOB;
import static app.belfry.server.ContractFixture.uniqueTitle;
import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.ErrorCodes;
import app.belfry.model.Events;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/PROTOCOL.md, "Rooms and channels": the rooms joined on connect, and subscribe/unsubscribe with their access
 * rules. "Did not arrive" is checked without waiting for nothing: a later notification that must arrive serves as
 * a marker, and whatever the socket received before it is inspected.
 */
class ChannelContractTest {

    private ContractFixture fixture;
    private Session alice;
    private Session bob;

    @BeforeEach
    void startServer() {
        fixture = ContractFixture.start();
        alice = fixture.signIn(ALICE);
        bob = fixture.signIn(BOB);
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void userRoomReachesOnlyThatUserAndBroadcastReachesEveryone(SocketTransport transport) {
        RecordedSocket aliceSocket = fixture.connect(transport, HandshakeAuth.cookie(alice));
        RecordedSocket bobSocket = fixture.connect(transport, HandshakeAuth.cookie(bob));
        String forAlice = uniqueTitle("alice only");
        String forEveryone = uniqueTitle("broadcast");

        fixture.http.notifyUser(alice, forAlice);
        fixture.http.notifyChannel("broadcast", forEveryone);

        assertThat(titleOf(aliceSocket.nextNew())).isEqualTo(forAlice);
        assertThat(titleOf(aliceSocket.nextNew())).isEqualTo(forEveryone);
        assertThat(titleOf(bobSocket.nextNew())).as("Bob's first notification").isEqualTo(forEveryone);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void subscribingToAnOwnSubChannelIsAllowedAndItsPostsArrive(SocketTransport transport) {
        RecordedSocket aliceSocket = fixture.connect(transport, HandshakeAuth.cookie(alice));
        RecordedSocket bobSocket = fixture.connect(transport, HandshakeAuth.cookie(bob));
        String billing = alice.subChannel("billing");

        JsonNode ack = aliceSocket.emitAndAwaitAck(Events.SUBSCRIBE_CHANNEL, channel(billing));
        String title = uniqueTitle("billing");
        fixture.http.notifyChannel(billing, title);
        String marker = uniqueTitle("marker");
        fixture.http.notifyChannel("broadcast", marker);

        assertThat(ack.path("success").asBoolean(false)).as("ack %s", ack).isTrue();
        assertThat(titleOf(aliceSocket.nextNew())).isEqualTo(title);
        assertThat(titleOf(bobSocket.nextNew())).as("Bob's first notification").isEqualTo(marker);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void subscribingToAnotherUsersChannelIsForbidden(SocketTransport transport) {
        RecordedSocket aliceSocket = fixture.connect(transport, HandshakeAuth.cookie(alice));

        for (String foreign : List.of(bob.userChannel(), bob.subChannel("billing"))) {
            JsonNode ack = aliceSocket.emitAndAwaitAck(Events.SUBSCRIBE_CHANNEL, channel(foreign));

            assertThat(ack.path("success").asBoolean(true)).as("ack for %s: %s", foreign, ack).isFalse();
            assertThat(aliceSocket.nextErrorCode()).as(foreign).isEqualTo(ErrorCodes.FORBIDDEN);
        }
        String secret = uniqueTitle("bob's billing");
        fixture.http.notifyChannel(bob.subChannel("billing"), secret);
        String marker = uniqueTitle("marker");
        fixture.http.notifyUser(alice, marker);
        assertThat(titleOf(aliceSocket.nextNew())).as("Alice's first notification").isEqualTo(marker);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void subscribingToTheOwnRoomAndToBroadcastIsAllowed(SocketTransport transport) {
        RecordedSocket aliceSocket = fixture.connect(transport, HandshakeAuth.cookie(alice));

        for (String allowed : List.of(alice.userChannel(), "broadcast")) {
            JsonNode ack = aliceSocket.emitAndAwaitAck(Events.SUBSCRIBE_CHANNEL, channel(allowed));

            assertThat(ack.path("success").asBoolean(false)).as("ack for %s: %s", allowed, ack).isTrue();
        }
        assertThat(aliceSocket.drain(Events.ERROR)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void channelsOutsideTheTableAreForbidden(SocketTransport transport) {
        RecordedSocket aliceSocket = fixture.connect(transport, HandshakeAuth.cookie(alice));

        // Not Alice's room: her id with a character appended, a wildcard, and a name the table does not know.
        for (String foreign : List.of(alice.userChannel() + "0", alice.userChannel() + "0:billing", "user:*",
                "admin")) {
            JsonNode ack = aliceSocket.emitAndAwaitAck(Events.SUBSCRIBE_CHANNEL, channel(foreign));

            assertThat(ack.path("success").asBoolean(true)).as("ack for %s: %s", foreign, ack).isFalse();
            assertThat(aliceSocket.nextErrorCode()).as(foreign).isEqualTo(ErrorCodes.FORBIDDEN);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void subscribeWithANumberForPayloadIsABadRequest(SocketTransport transport) {
        RecordedSocket aliceSocket = fixture.connect(transport, HandshakeAuth.cookie(alice));

        JsonNode ack = aliceSocket.emitAndAwaitAck(Events.SUBSCRIBE_CHANNEL, 42);

        assertThat(ack.path("success").asBoolean(true)).as("ack %s", ack).isFalse();
        assertThat(aliceSocket.nextErrorCode()).isEqualTo(ErrorCodes.BAD_REQUEST);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void subscribeWithoutAChannelIsABadRequest(SocketTransport transport) {
        RecordedSocket aliceSocket = fixture.connect(transport, HandshakeAuth.cookie(alice));

        JsonNode ack = aliceSocket.emitAndAwaitAck(Events.SUBSCRIBE_CHANNEL, new JSONObject());

        assertThat(ack.path("success").asBoolean(true)).as("ack %s", ack).isFalse();
        assertThat(aliceSocket.nextErrorCode()).isEqualTo(ErrorCodes.BAD_REQUEST);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void unsubscribingStopsDeliveryOfThatChannel(SocketTransport transport) {
        RecordedSocket aliceSocket = fixture.connect(transport, HandshakeAuth.cookie(alice));
        String billing = alice.subChannel("billing");
        aliceSocket.emitAndAwaitAck(Events.SUBSCRIBE_CHANNEL, channel(billing));
        String before = uniqueTitle("before unsubscribe");
        fixture.http.notifyChannel(billing, before);
        assertThat(titleOf(aliceSocket.nextNew())).isEqualTo(before);

        aliceSocket.emit(Events.UNSUBSCRIBE_CHANNEL, channel(billing));
        // unsubscribe has no ack; an acknowledged event sent after it proves that the server has handled it.
        aliceSocket.emitAndAwaitAck(Events.SUBSCRIBE_CHANNEL, channel(alice.subChannel("other")));
        fixture.http.notifyChannel(billing, uniqueTitle("after unsubscribe"));
        String marker = uniqueTitle("marker");
        fixture.http.notifyUser(alice, marker);

        assertThat(titleOf(aliceSocket.nextNew())).as("first notification after unsubscribing").isEqualTo(marker);
    }

    static JSONObject channel(String name) {
        return new JSONObject(java.util.Map.of("channel", name));
    }

    static String titleOf(JsonNode notification) {
        return notification.path("title").asText();
    }
}

package app.belfry.server;

import static app.belfry.server.ContractFixture.ALICE;
import static app.belfry.server.ContractFixture.BOB;
import static app.belfry.server.ContractFixture.uniqueTitle;
import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Events;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/PROTOCOL.md, "Catch-up after being away (ext)": {@code auth.since} replays what was missed. */
class CatchUpContractTest {

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
    void sinceReplaysTheLaterUnreadNotificationsOldestFirst(SocketTransport transport) {
        List<JsonNode> stored = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stored.add(fixture.http.notifyUser(alice, uniqueTitle("missed " + i)));
        }
        fixture.http.notifyUser(fixture.signIn(BOB), uniqueTitle("someone else's"));
        String readId = stored.get(2).path("id").asText();
        try (RecordedSocket earlier = fixture.connect(transport, HandshakeAuth.cookie(alice))) {
            earlier.emitAndAwaitAck(Events.MARK_READ, MarkReadContractTest.markRead(readId));
        }
        String since = stored.get(0).path("createdAt").asText();
        // "Created after since", computed from the server's own timestamps: two posts may share a millisecond.
        List<String> expected = stored.stream()
                .filter(n -> createdAt(n).isAfter(Instant.from(OffsetDateTime.parse(since))))
                .filter(n -> !n.path("id").asText().equals(readId))
                .map(n -> n.path("id").asText())
                .toList();
        assertThat(expected).as("notifications the server stamped after the first").isNotEmpty();

        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookie(alice).since(since));

        List<String> replayed = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode notification = socket.nextNew();
            HttpApiContractTest.assertNotificationShape(notification);
            assertThat(notification.path("read").asBoolean(true)).as("%s", notification).isFalse();
            replayed.add(notification.path("id").asText());
        }
        assertThat(replayed).containsExactlyElementsOf(expected);
        String marker = uniqueTitle("live after catch-up");
        fixture.http.notifyUser(alice, marker);
        assertThat(socket.nextNew().path("title").asText()).as("the next one after the replay").isEqualTo(marker);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void withoutSinceNothingIsReplayed(SocketTransport transport) {
        fixture.http.notifyUser(alice, uniqueTitle("stored while away"));

        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.token(alice));

        String marker = uniqueTitle("live");
        fixture.http.notifyUser(alice, marker);
        assertThat(socket.nextNew().path("title").asText()).as("the first notification").isEqualTo(marker);
    }

    private static Instant createdAt(JsonNode notification) {
        return Instant.from(OffsetDateTime.parse(notification.path("createdAt").asText()));
    }
}

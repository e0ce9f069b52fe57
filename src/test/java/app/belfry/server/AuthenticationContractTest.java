package app.belfry.server;

import static app.belfry.server.ContractFixture.ALICE;
import static app.belfry.server.ContractFixture.uniqueTitle;
import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.ErrorCodes;
import app.belfry.model.Events;
import app.belfry.server.RecordedSocket.ConnectError;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/PROTOCOL.md, "Authentication" ("Credentials at the handshake", "Refusals and revocation"): cookie or token,
 * the two refusals, revocation.
 */
class AuthenticationContractTest {

    private ContractFixture fixture;

    @BeforeEach
    void startServer() {
        fixture = ContractFixture.start();
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void sessionCookieOnTheHandshakeConnectsAsThatUser(SocketTransport transport) {
        Session alice = fixture.signIn(ALICE);
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookie(alice));

        assertReachesUser(socket, alice);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void bearerTokenInAuthConnectsAsThatUser(SocketTransport transport) {
        Session alice = fixture.signIn(ALICE);
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.token(alice));

        assertReachesUser(socket, alice);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void sessionCookieAmongOtherCookiesIsFound(SocketTransport transport) {
        Session alice = fixture.signIn(ALICE);
        String header = "theme=dark; " + alice.cookieHeader() + "; locale=en-GB";
        RecordedSocket socket = fixture.connect(transport, HandshakeAuth.cookieHeader(header));

        assertReachesUser(socket, alice);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void handshakeWithoutCredentialsIsRefusedAsAuthenticationRequired(SocketTransport transport) {
        RecordedSocket socket = fixture.socket(transport, HandshakeAuth.none());
        socket.open();

        assertRefused(socket.awaitConnectError(), ErrorCodes.AUTHENTICATION_REQUIRED_MESSAGE);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void unknownTokenIsRefusedAsInvalidSession(SocketTransport transport) {
        RecordedSocket socket = fixture.socket(transport, HandshakeAuth.token("not-a-session-token"));
        socket.open();

        assertRefused(socket.awaitConnectError(), ErrorCodes.INVALID_SESSION_MESSAGE);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void unknownCookieIsRefusedAsInvalidSession(SocketTransport transport) {
        RecordedSocket socket = fixture.socket(transport,
                HandshakeAuth.cookieHeader("better-auth.session_token=not-a-session"));
        socket.open();

        assertRefused(socket.awaitConnectError(), ErrorCodes.INVALID_SESSION_MESSAGE);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void serverSideDisconnectReachesTheClientAndLeavesTheSessionValid(SocketTransport transport) {
        Session alice = fixture.signIn(ALICE);
        RecordedSocket first = fixture.connect(transport, HandshakeAuth.cookie(alice));

        fixture.server.disconnectUser(alice.userId());

        assertThat(first.awaitDisconnectReason()).isEqualTo("io server disconnect");
        RecordedSocket again = fixture.connect(transport, HandshakeAuth.cookie(alice));
        assertReachesUser(again, alice);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void signOutEndsLiveSocketsWithUnauthorizedAndRevokesTheCookie(SocketTransport transport) {
        Session alice = fixture.signIn(ALICE);
        RecordedSocket live = fixture.connect(transport, HandshakeAuth.cookie(alice));

        assertThat(fixture.http.signOutWithCookie(alice).statusCode()).isEqualTo(200);

        assertThat(live.nextErrorCode()).isEqualTo(ErrorCodes.UNAUTHORIZED);
        assertThat(live.awaitDisconnectReason()).isEqualTo("io server disconnect");
        RecordedSocket retry = fixture.socket(transport, HandshakeAuth.cookie(alice));
        retry.open();
        assertRefused(retry.awaitConnectError(), ErrorCodes.INVALID_SESSION_MESSAGE);
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void signOutLeavesTheUsersOtherSessionsConnected(SocketTransport transport) {
        Session laptop = fixture.signIn(ALICE);
        Session phone = fixture.signIn(ALICE);
        RecordedSocket phoneSocket = fixture.connect(transport, HandshakeAuth.cookie(phone));

        assertThat(fixture.http.signOutWithCookie(laptop).statusCode()).isEqualTo(200);

        assertReachesUser(phoneSocket, phone);
        assertThat(phoneSocket.connected()).isTrue();
        assertThat(phoneSocket.drain(Events.ERROR)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void signOutWithTheBearerTokenRevokesTheToken(SocketTransport transport) {
        Session alice = fixture.signIn(ALICE);

        assertThat(fixture.http.signOutWithBearer(alice).statusCode()).isEqualTo(200);

        RecordedSocket retry = fixture.socket(transport, HandshakeAuth.token(alice));
        retry.open();
        assertRefused(retry.awaitConnectError(), ErrorCodes.INVALID_SESSION_MESSAGE);
    }

    /** The socket sits in the user's room: a notification posted to that user by id arrives on it. */
    private void assertReachesUser(RecordedSocket socket, Session user) {
        String title = uniqueTitle("for " + user.email());
        JsonNode stored = fixture.http.notifyUser(user, title);

        JsonNode received = socket.nextNew();
        HttpApiContractTest.assertNotificationShape(received);
        assertThat(received.path("title").asText()).isEqualTo(title);
        assertThat(received.path("id").asText()).isEqualTo(stored.path("id").asText());
    }

    private static void assertRefused(ConnectError refusal, String expectedMessage) {
        assertThat(refusal.message()).as("%s", refusal).isEqualTo(expectedMessage);
        assertThat(refusal.code()).as("%s", refusal).isEqualTo(ErrorCodes.UNAUTHORIZED);
    }
}

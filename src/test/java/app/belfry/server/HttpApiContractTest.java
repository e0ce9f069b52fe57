package app.belfry.server;

import static app.belfry.server.ContractFixture.ALICE;
import static app.belfry.server.ContractFixture.uniqueTitle;
import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Events;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side: better-auth's sign-in and sign-out, the admin post, health, and the Engine.IO handshake. */
class HttpApiContractTest {

    private ContractFixture fixture;

    @BeforeEach
    void startServer() {
        fixture = ContractFixture.start();
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Test
    void signInAnswersTokenUserAndAnHttpOnlySessionCookie() {
        Session alice = fixture.signIn(ALICE);

        assertThat(alice.token()).isNotBlank();
        assertThat(alice.userId()).isNotBlank();
        assertThat(alice.email()).isEqualTo(ALICE.email());
        assertThat(alice.cookieHeader()).startsWith(Events.SESSION_COOKIE + "=")
                .hasSizeGreaterThan(Events.SESSION_COOKIE.length() + 1);
        assertThat(alice.setCookie().toLowerCase()).contains("httponly").contains("path=/");
    }

    @Test
    void wrongPasswordIs401WithAMessage() {
        HttpResponse<String> response = fixture.http.signInRaw(ALICE.email(), "not-" + ALICE.password());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(BackendHttp.json(response.body()).path("message").isTextual()).as(response.body()).isTrue();
        assertThat(BackendHttp.json(response.body()).path("message").asText()).isNotBlank();
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(h -> h.startsWith(Events.SESSION_COOKIE
                + "=") && !h.startsWith(Events.SESSION_COOKIE + "=;"));
    }

    @Test
    void unknownEmailIs401WithAMessage() {
        HttpResponse<String> response = fixture.http.signInRaw("nobody@belfry.test", ALICE.password());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(BackendHttp.json(response.body()).path("message").asText()).as(response.body()).isNotBlank();
    }

    @Test
    void adminPostWithoutTheAdminTokenIs401() {
        String body = BackendHttp.notification("no token").put("email", ALICE.email()).toString();

        assertThat(fixture.http.postNotificationRaw(body, null).statusCode()).isEqualTo(401);
        assertThat(fixture.http.postNotificationRaw(body, "wrong-" + fixture.server.adminToken()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void adminPostWithAUserTokenInsteadOfTheAdminTokenIs401() {
        Session alice = fixture.signIn(ALICE);
        String body = BackendHttp.notification("user token").put("userId", alice.userId()).toString();

        assertThat(fixture.http.postNotificationRaw(body, alice.token()).statusCode()).isEqualTo(401);
    }

    @Test
    void adminPostWithAnUnknownTypeIs400WithAMessage() {
        Session alice = fixture.signIn(ALICE);
        ObjectNode body = BackendHttp.notification("bad type").put("userId", alice.userId()).put("type", "urgent");

        assertBadRequest(fixture.http.postNotificationRaw(body.toString(), fixture.server.adminToken()));
    }

    @Test
    void adminPostWithoutATargetIs400WithAMessage() {
        ObjectNode body = BackendHttp.notification("nobody");

        assertBadRequest(fixture.http.postNotificationRaw(body.toString(), fixture.server.adminToken()));
    }

    @Test
    void adminPostToAChannelOutsideTheTableIs400WithAMessage() {
        ObjectNode body = BackendHttp.notification("nowhere").put("channel", "nonsense");

        assertBadRequest(fixture.http.postNotificationRaw(body.toString(), fixture.server.adminToken()));
    }

    @Test
    void adminPostWithABodyThatIsNotJsonIs400WithAMessage() {
        assertBadRequest(fixture.http.postNotificationRaw("type=info&title=x", fixture.server.adminToken()));
    }

    @Test
    void adminPostAnswers201WithTheStoredNotification() {
        Session alice = fixture.signIn(ALICE);
        String title = uniqueTitle("shape");
        ObjectNode body = BackendHttp.notification(title).put("userId", alice.userId()).put("type", "warning");

        JsonNode stored = BackendHttp.single(fixture.http.postNotification(body));

        assertNotificationShape(stored);
        assertThat(stored.path("type").asText()).isEqualTo("warning");
        assertThat(stored.path("title").asText()).isEqualTo(title);
        assertThat(stored.path("message").asText()).isEqualTo("about " + title);
        assertThat(stored.path("read").asBoolean()).isFalse();
    }

    @Test
    void adminPostByEmailStoresTheNotificationForThatUser() {
        String title = uniqueTitle("by email");
        ObjectNode body = BackendHttp.notification(title).put("email", ALICE.email());

        JsonNode stored = BackendHttp.single(fixture.http.postNotification(body));

        assertNotificationShape(stored);
        assertThat(stored.path("title").asText()).isEqualTo(title);
    }

    @Test
    void healthAnswersOk() {
        HttpResponse<String> response = fixture.http.get("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BackendHttp.json(response.body()).path("ok").asBoolean(false)).as(response.body()).isTrue();
    }

    @Test
    void engineHandshakeAdvertisesPingInterval25sAndTimeout60s() {
        HttpResponse<String> response = fixture.http.get("/socket.io/?EIO=4&transport=polling");

        assertThat(response.statusCode()).isEqualTo(200);
        // An Engine.IO 4 polling payload: packet type '0' (open), then the handshake JSON.
        assertThat(response.body()).startsWith("0{");
        JsonNode handshake = BackendHttp.json(response.body().substring(1));
        assertThat(handshake.path("pingInterval").asInt()).isEqualTo(25_000);
        assertThat(handshake.path("pingTimeout").asInt()).isEqualTo(60_000);
        assertThat(handshake.path("upgrades").toString()).contains("websocket");
    }

    /** docs/PROTOCOL.md, "The Notification object". */
    static void assertNotificationShape(JsonNode notification) {
        assertThat(notification.isObject()).as("%s", notification).isTrue();
        assertThat(notification.path("id").isTextual()).as("id in %s", notification).isTrue();
        assertThat(notification.path("id").asText()).isNotEmpty();
        assertThat(notification.path("type").asText()).as("type in %s", notification)
                .isIn("info", "success", "warning", "error");
        assertThat(notification.path("title").isTextual()).as("title in %s", notification).isTrue();
        assertThat(notification.path("message").isTextual()).as("message in %s", notification).isTrue();
        assertThat(notification.path("read").isBoolean()).as("read in %s", notification).isTrue();
        String createdAt = notification.path("createdAt").asText();
        try {
            OffsetDateTime.parse(createdAt);
        } catch (DateTimeParseException e) {
            throw new AssertionError("createdAt is not ISO-8601 in " + notification, e);
        }
    }

    private static void assertBadRequest(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(BackendHttp.json(response.body()).path("message").asText()).as(response.body()).isNotBlank();
    }
}

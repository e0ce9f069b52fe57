package app.belfry.server;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Events;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The backend's HTTP API as a test sees it: sign-in, sign-out, the admin post, health. */
final class BackendHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String baseUrl;
    private final String adminToken;

    BackendHttp(String baseUrl, String adminToken) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
    }

    HttpResponse<String> signInRaw(String email, String password) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
        return send(post(Events.SIGN_IN_PATH, body.toString()).build());
    }

    /** Signs in, asserting the 200 answer of the contract, and returns the session it describes. */
    Session signIn(UserAccount account) {
        HttpResponse<String> response = signInRaw(account.email(), account.password());
        assertThat(response.statusCode()).as("sign-in status for %s: %s", account.email(), response.body())
                .isEqualTo(200);
        JsonNode body = json(response.body());
        List<String> setCookies = response.headers().allValues("Set-Cookie");
        String setCookie = setCookies.stream()
                .filter(header -> header.startsWith(Events.SESSION_COOKIE + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + Events.SESSION_COOKIE + " in " + setCookies));
        String cookieHeader = setCookie.split(";", 2)[0].trim();
        return new Session(body.path("user").path("id").asText(), body.path("user").path("email").asText(),
                body.path("token").asText(), cookieHeader, setCookie);
    }

    HttpResponse<String> signOutWithCookie(Session session) {
        return send(post(Events.SIGN_OUT_PATH, "{}").header("Cookie", session.cookieHeader()).build());
    }

    HttpResponse<String> signOutWithBearer(Session session) {
        return send(post(Events.SIGN_OUT_PATH, "{}").header("Authorization", "Bearer " + session.token()).build());
    }

    /** Posts a raw admin request; {@code bearer} null sends no Authorization header. */
    HttpResponse<String> postNotificationRaw(String body, String bearer) {
        HttpRequest.Builder request = post("/api/notifications", body);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    /** Posts with the admin token, asserting 201; returns the stored Notification, or the array of them. */
    JsonNode postNotification(ObjectNode body) {
        HttpResponse<String> response = postNotificationRaw(body.toString(), adminToken);
        assertThat(response.statusCode()).as("admin post %s answered %s", body, response.body()).isEqualTo(201);
        return json(response.body());
    }

    /** Posts an info notification to one user by id; returns the stored object. */
    JsonNode notifyUser(Session user, String title) {
        return single(postNotification(notification(title).put("userId", user.userId())));
    }

    /** Posts an info notification to a channel ({@code broadcast}, {@code user:{id}}, {@code user:{id}:sub}). */
    JsonNode notifyChannel(String channel, String title) {
        return postNotification(notification(title).put("channel", channel));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET().build());
    }

    static ObjectNode notification(String title) {
        return JSON.createObjectNode().put("type", "info").put("title", title).put("message", "about " + title);
    }

    /**
     * The one Notification of an answer that holds one: the contract says "the stored Notification(s)", so a
     * single-target post may answer an object or an array of one.
     */
    static JsonNode single(JsonNode stored) {
        if (stored.isArray()) {
            assertThat(stored).as("stored notifications %s", stored).hasSize(1);
            return stored.get(0);
        }
        return stored;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + request.uri(), e);
        }
    }
}

package app.belfry.net;

import app.belfry.model.Events;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs in and out over HTTP at the contract's paths (better-auth's), the desktop's stand-in for a browser's
 * cookie jar: it keeps the session cookie the server sets, for the socket to send.
 */
public final class AuthClient {

    /** A signed-in session: the cookie, and the token and user when the server gave them. */
    public record Session(Credentials.SessionCookie cookie, String token, String userId, String email) {
        @Override
        public String toString() {
            return "Session[user=" + userId + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionOptions options;
    private final HttpClient http;

    public AuthClient(ConnectionOptions options) {
        this.options = options;
        // HTTP/1.1: on plain http, Java asks for an h2c upgrade, which a socket.io server on the same port drops.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(options.timeoutMillis()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code POST /api/auth/sign-in/email}; the password is sent once and kept nowhere. */
    public Session signIn(String email, String password) throws AuthException {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("email", email, "password", password));
        } catch (IOException e) {
            throw new AuthException("Cannot encode the sign-in request", e);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(options.signInUrl())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 200) {
            throw new AuthException(serverMessage(response).orElse(response.statusCode() == 401
                    ? "Invalid email or password" : "Sign-in failed (HTTP " + response.statusCode() + ")"),
                    response.statusCode());
        }
        Credentials.SessionCookie cookie = sessionCookie(response.headers().allValues("set-cookie"))
                .orElseThrow(() -> new AuthException("The server signed in but set no session cookie", 200));
        JsonNode json = parse(response.body());
        return new Session(cookie, json.path("token").asText(null), json.path("user").path("id").asText(null),
                json.path("user").path("email").asText(email));
    }

    /** {@code POST /api/auth/sign-out} with the session's credentials. A session already gone is not an error. */
    public void signOut(Credentials credentials) throws AuthException {
        HttpRequest.Builder request = HttpRequest.newBuilder(options.signOutUrl())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (credentials instanceof Credentials.SessionCookie cookie) {
            request.header("Cookie", cookie.header());
        } else if (credentials instanceof Credentials.BearerToken token) {
            request.header("Authorization", "Bearer " + token.token());
        }
        HttpResponse<String> response = send(request);
        if (response.statusCode() >= 400 && response.statusCode() != 401) {
            throw new AuthException(serverMessage(response)
                    .orElse("Sign-out failed (HTTP " + response.statusCode() + ")"), response.statusCode());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws AuthException {
        try {
            return http.send(request.timeout(Duration.ofMillis(options.timeoutMillis())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthException("Cannot reach " + options.serverUrl() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException("Interrupted while contacting " + options.serverUrl(), e);
        }
    }

    static Optional<Credentials.SessionCookie> sessionCookie(List<String> setCookieHeaders) {
        Credentials.SessionCookie fallback = null;
        for (String header : setCookieHeaders) {
            List<HttpCookie> cookies;
            try {
                cookies = HttpCookie.parse(header);
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (HttpCookie cookie : cookies) {
                if (cookie.getValue() == null || cookie.getValue().isEmpty()) {
                    continue;
                }
                if (Events.SESSION_COOKIE.equals(cookie.getName())) {
                    return Optional.of(new Credentials.SessionCookie(cookie.getName(), cookie.getValue()));
                }
                if (fallback == null && cookie.getName().contains("session")) {
                    fallback = new Credentials.SessionCookie(cookie.getName(), cookie.getValue());
                }
            }
        }
        return Optional.ofNullable(fallback);
    }

    private static Optional<String> serverMessage(HttpResponse<String> response) {
        JsonNode message = parse(response.body()).path("message");
        return message.isTextual() && !message.asText().isBlank() ? Optional.of(message.asText()) : Optional.empty();
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}

package app.belfry.net;

import app.belfry.model.Events;
import app.belfry.model.SocketError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpCookie;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

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

    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final ConnectionOptions options;
    private final OkHttpClient http;

    /**
     * @throws IllegalArgumentException with a message fit to show when the options' CA file cannot be used
     */
    public AuthClient(ConnectionOptions options) {
        this.options = options;
        // The socket's way to the server (its trusted authorities, its proxy), and the response as it comes: a
        // redirect is the server's answer, not a page to follow.
        this.http = options.network().configure(new OkHttpClient.Builder(), options.serverUrl())
                .connectTimeout(options.timeoutMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(options.timeoutMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false).followSslRedirects(false)
                .build();
    }

    /** {@code POST /api/auth/sign-in/email}; the password is sent once and kept nowhere. */
    public Session signIn(String email, String password) throws AuthException {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("email", email, "password", password));
        } catch (IOException e) {
            throw new AuthException("Cannot encode the sign-in request", e);
        }
        Reply reply = send(new Request.Builder().url(options.signInUrl().toString())
                .post(RequestBody.create(JSON_TYPE, body)));
        if (reply.status() != 200) {
            throw new AuthException(serverMessage(reply.body()).orElse(reply.status() == 401
                    ? "Invalid email or password" : "Sign-in failed (HTTP " + reply.status() + ")"), reply.status());
        }
        Credentials.SessionCookie cookie = sessionCookie(reply.setCookies())
                .orElseThrow(() -> new AuthException("The server signed in but set no session cookie", 200));
        JsonNode json = parse(reply.body());
        return new Session(cookie, json.path("token").asText(null), json.path("user").path("id").asText(null),
                json.path("user").path("email").asText(email));
    }

    /** {@code POST /api/auth/sign-out} with the session's credentials. A session already gone is not an error. */
    public void signOut(Credentials credentials) throws AuthException {
        Request.Builder request = new Request.Builder().url(options.signOutUrl().toString())
                .post(RequestBody.create(JSON_TYPE, "{}"));
        if (credentials instanceof Credentials.SessionCookie cookie) {
            request.header("Cookie", cookie.header());
        } else if (credentials instanceof Credentials.BearerToken token) {
            request.header("Authorization", "Bearer " + token.token());
        }
        Reply reply = send(request);
        if (reply.status() >= 400 && reply.status() != 401) {
            throw new AuthException(serverMessage(reply.body())
                    .orElse("Sign-out failed (HTTP " + reply.status() + ")"), reply.status());
        }
    }

    /** What {@link #send} keeps of a response: it is read whole and closed at once. */
    private record Reply(int status, String body, List<String> setCookies) {
    }

    private Reply send(Request.Builder request) throws AuthException {
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            return new Reply(response.code(), body == null ? "" : body.string(), response.headers("Set-Cookie"));
        } catch (IOException e) {
            Optional<SocketError> problem = ConnectionProblem.of(e, options.serverUrl());
            if (problem.isPresent()) {
                throw new AuthException(problem.get().message(), problem.get().code(), e);
            }
            throw new AuthException("Cannot reach " + options.serverUrl() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } finally {
            http.connectionPool().evictAll(); // one call at a time, far apart: no connection or thread is kept
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

    private static Optional<String> serverMessage(String body) {
        JsonNode message = parse(body).path("message");
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

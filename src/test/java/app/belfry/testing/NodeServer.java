package app.belfry.testing;

import app.belfry.model.Events;
import app.belfry.net.Credentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The guide's backend as a real Node socket.io server ({@code src/test/node/guide-server.mjs}), run as a child
 * process on a free loopback port, with its test-only control endpoints as methods.
 *
 * <p>Without {@code node} on the PATH or without {@code src/test/node/node_modules}, the tests that use it are
 * skipped, except on CI ({@code CI=true}), where they fail: CI must run them.
 */
public final class NodeServer implements AutoCloseable {

    public static final String ENABLE_HINT = "cd src/test/node && npm ci";

    private static final Pattern READY = Pattern.compile("guide server listening on (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String url;
    // HTTP/1.1: an HTTP/2 client asks for "Upgrade: h2c" on http://, and engine.io, attached to the same port,
    // ends every upgrade request that is not its own without an answer (its destroyUpgrade default).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private NodeServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts {@code node guide-server.mjs 0 <flags>} and waits until it says where it listens. */
    public static NodeServer start(String... flags) {
        Path dir = fixtureDirectory();
        Path node = findNode().orElse(null);
        if (node == null) {
            unavailable("node is not on the PATH");
        }
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            unavailable(dir.resolve("node_modules") + " is missing");
        }
        List<String> command = new ArrayList<>(List.of(node.toString(), "guide-server.mjs", "0"));
        command.addAll(List.of(flags));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + command + " in " + dir, e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        List<String> early = new ArrayList<>();
        Thread reader = new Thread(() -> pumpOutput(process, ready, early), "guide-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new NodeServer(process, ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            synchronized (early) {
                throw new IllegalStateException("The guide server did not start within " + START_TIMEOUT
                        + "; its output: " + early, e);
            }
        }
    }

    /** Forwards the server's output to the test's output, and completes {@code ready} with its URL. */
    private static void pumpOutput(Process process, CompletableFuture<String> ready, List<String> early) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                System.out.println("[guide-server] " + line);
                if (!ready.isDone()) {
                    synchronized (early) {
                        early.add(line);
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IllegalStateException("the guide server exited with " + exitCode(process)));
    }

    private static String exitCode(Process process) {
        try {
            return String.valueOf(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static void unavailable(String why) {
        String message = "The Node guide-server tests need node and the fixture's packages: " + why
                + ". Enable them with: " + ENABLE_HINT;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: these tests must run on CI)");
        }
        Assumptions.abort(message);
    }

    private static Path fixtureDirectory() {
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        return Path.of(base, "src", "test", "node").toAbsolutePath();
    }

    private static Optional<Path> findNode() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate = Path.of(entry, windows ? "node.exe" : "node");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    // ---- what tests use

    /** The server's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return url;
    }

    /** A session from the fixture's own sign-in: the token and the session cookie it set. */
    public record Session(String token, Credentials.SessionCookie cookie) {
    }

    /**
     * Signs in at {@code /api/auth/sign-in/email} over HTTP/1.1, independently of Belfry's {@code AuthClient}, so
     * that handshake tests do not depend on it.
     */
    public Session signIn(String email, String password) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(url + Events.SIGN_IN_PATH))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Sign-in as " + email + " failed: " + response.statusCode() + " "
                    + response.body());
        }
        String cookie = response.headers().allValues("set-cookie").stream()
                .flatMap(header -> HttpCookie.parse(header).stream())
                .filter(c -> Events.SESSION_COOKIE.equals(c.getName())).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("No session cookie in " + response.headers()));
        return new Session(parse(response.body()).path("token").asText(),
                new Credentials.SessionCookie(Events.SESSION_COOKIE, cookie));
    }

    /** Publishes a notification to a user (stored on the server) and returns it as the server sent it. */
    public JsonNode publish(String userId, Map<String, String> fields) {
        ObjectNode body = JSON.createObjectNode().put("userId", userId);
        fields.forEach(body::put);
        return post("/test/publish", body);
    }

    public JsonNode publish(String userId, String title) {
        return publish(userId, Map.of("title", title));
    }

    /** Emits {@code payloadJson}, unchecked, as {@code notification:new} to the user's room. */
    public void emitRaw(String userId, String payloadJson) {
        ObjectNode body = JSON.createObjectNode().put("userId", userId);
        body.set("payload", parse(payloadJson));
        post("/test/raw", body);
    }

    /** Ends the user's sessions: their sockets get {@code error {code: UNAUTHORIZED}} and are disconnected. */
    public int revoke(String userId) {
        return post("/test/revoke", JSON.createObjectNode().put("userId", userId)).path("disconnected").asInt();
    }

    /** Disconnects the user's sockets server-side. Returns how many there were. */
    public int disconnect(String userId) {
        return post("/test/disconnect", JSON.createObjectNode().put("userId", userId)).path("disconnected").asInt();
    }

    /** Every client event received so far: {@code [{name, payload, userId, socketId, limited}]}. */
    public JsonNode events() {
        return get("/test/events");
    }

    /** The payloads of the client events of this name received so far. */
    public List<JsonNode> events(String name) {
        List<JsonNode> found = new ArrayList<>();
        events().forEach(e -> {
            if (name.equals(e.path("name").asText())) {
                found.add(e.path("payload"));
            }
        });
        return found;
    }

    /**
     * Waits, on the server, until at least {@code count} client events of this name were received and handled, or
     * the timeout passed; returns their payloads then.
     */
    public List<JsonNode> awaitEvents(String name, int count, Duration timeout) {
        List<JsonNode> found = new ArrayList<>();
        get("/test/await-events?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8) + "&count="
                + count + "&timeoutMs=" + timeout.toMillis()).forEach(e -> found.add(e.path("payload")));
        return found;
    }

    /** {@code {handshakes, accepted, refused, open, log: [{socketId, userId, auth, transport, ...}]}}. */
    public JsonNode connections() {
        return get("/test/connections");
    }

    public int handshakes() {
        return connections().path("handshakes").asInt();
    }

    /**
     * Waits, on the server, until more than {@code above} namespace handshakes were attempted, or the timeout
     * passed; returns the count then.
     */
    public int awaitHandshakesAbove(int above, Duration timeout) {
        return get("/test/await-handshakes?above=" + above + "&timeoutMs=" + timeout.toMillis())
                .path("handshakes").asInt();
    }

    /** The user's notifications as the server stores them, oldest first. */
    public JsonNode notifications(String userId) {
        return get("/test/notifications?userId=" + userId);
    }

    private JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The guide server answered " + response.statusCode() + ": "
                    + response.body());
        }
        return parse(response.body());
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(70)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach the guide server at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not JSON: " + json, e);
        }
    }

    /** Stops the server: closing its stdin ends it; a kill follows if it lingers. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

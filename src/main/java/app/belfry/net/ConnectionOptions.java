package app.belfry.net;

import app.belfry.model.Events;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How Belfry connects: the guide's client options (its {@code client.ts}) as defaults, all of them configurable,
 * plus what the guide leaves out (ack timeout, the client-side pace, the auth paths).
 *
 * @param serverUrl the backend's one URL, e.g. {@code http://localhost:3000}; every other URL derives from it
 * @param transports in order of preference, {@code websocket} and/or {@code polling}
 * @param ackTimeoutMillis how long an acknowledged event waits for its answer before it counts as unanswered
 * @param rateLimitPerMinute the server's limit, which the client keeps under
 * @param rateWindowMillis the length of the server's rolling window (a minute)
 * @param network the trusted authorities and the proxy
 */
public record ConnectionOptions(URI serverUrl, String namespace, List<String> transports, boolean reconnection,
        int reconnectionAttempts, long reconnectionDelayMillis, long reconnectionDelayMaxMillis, long timeoutMillis,
        long ackTimeoutMillis, int rateLimitPerMinute, long rateWindowMillis, String signInPath, String signOutPath,
        NetworkSettings network) {

    public static final List<String> DEFAULT_TRANSPORTS = List.of("websocket", "polling");

    public ConnectionOptions {
        Objects.requireNonNull(serverUrl, "serverUrl");
        String scheme = serverUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || serverUrl.getHost() == null) {
            throw new IllegalArgumentException("The server URL must be http:// or https:// with a host, got "
                    + serverUrl);
        }
        Objects.requireNonNull(network, "network");
        transports = List.copyOf(transports);
        if (transports.isEmpty() || !DEFAULT_TRANSPORTS.containsAll(transports)) {
            throw new IllegalArgumentException("transports must be websocket and/or polling, got " + transports);
        }
        if (reconnectionAttempts < 0 || reconnectionDelayMillis < 0 || reconnectionDelayMaxMillis < 0
                || timeoutMillis <= 0 || ackTimeoutMillis <= 0 || rateLimitPerMinute < 1 || rateWindowMillis <= 0) {
            throw new IllegalArgumentException("connection options must be positive");
        }
    }

    /** The guide's options for a server: WebSocket then polling, 5 attempts, 1 s rising to 5 s, 20 s timeout. */
    public static ConnectionOptions defaults(URI serverUrl) {
        return new ConnectionOptions(stripTrailingSlash(serverUrl), Events.NAMESPACE, DEFAULT_TRANSPORTS, true, 5,
                1_000, 5_000, 20_000, 10_000, Events.DEFAULT_RATE_LIMIT_PER_MINUTE, 60_000, Events.SIGN_IN_PATH,
                Events.SIGN_OUT_PATH, NetworkSettings.DEFAULTS);
    }

    public static ConnectionOptions defaults(String serverUrl) {
        URI uri;
        try {
            uri = URI.create(serverUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a URL: " + serverUrl, e);
        }
        return defaults(uri); // says itself what is wrong with a URL that is not http(s) with a host
    }

    public ConnectionOptions withTransports(List<String> value) {
        return new ConnectionOptions(serverUrl, namespace, value, reconnection, reconnectionAttempts,
                reconnectionDelayMillis, reconnectionDelayMaxMillis, timeoutMillis, ackTimeoutMillis,
                rateLimitPerMinute, rateWindowMillis, signInPath, signOutPath, network);
    }

    public ConnectionOptions withReconnection(boolean on, int attempts, long delayMillis, long delayMaxMillis) {
        return new ConnectionOptions(serverUrl, namespace, transports, on, attempts, delayMillis, delayMaxMillis,
                timeoutMillis, ackTimeoutMillis, rateLimitPerMinute, rateWindowMillis, signInPath, signOutPath,
                network);
    }

    public ConnectionOptions withAckTimeout(long millis) {
        return new ConnectionOptions(serverUrl, namespace, transports, reconnection, reconnectionAttempts,
                reconnectionDelayMillis, reconnectionDelayMaxMillis, timeoutMillis, millis, rateLimitPerMinute,
                rateWindowMillis, signInPath, signOutPath, network);
    }

    public ConnectionOptions withRateLimit(int perWindow, long windowMillis) {
        return new ConnectionOptions(serverUrl, namespace, transports, reconnection, reconnectionAttempts,
                reconnectionDelayMillis, reconnectionDelayMaxMillis, timeoutMillis, ackTimeoutMillis, perWindow,
                windowMillis, signInPath, signOutPath, network);
    }

    public ConnectionOptions withNetwork(NetworkSettings value) {
        return new ConnectionOptions(serverUrl, namespace, transports, reconnection, reconnectionAttempts,
                reconnectionDelayMillis, reconnectionDelayMaxMillis, timeoutMillis, ackTimeoutMillis,
                rateLimitPerMinute, rateWindowMillis, signInPath, signOutPath, value);
    }

    /** The Socket.IO URL of the namespace. */
    public URI namespaceUrl() {
        return URI.create(serverUrl + namespace);
    }

    public URI signInUrl() {
        return URI.create(serverUrl + signInPath);
    }

    public URI signOutUrl() {
        return URI.create(serverUrl + signOutPath);
    }

    private static URI stripTrailingSlash(URI uri) {
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}

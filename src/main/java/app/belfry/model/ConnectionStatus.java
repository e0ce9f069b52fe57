package app.belfry.model;

/**
 * Where the connection stands, as one immutable value.
 *
 * @param attempt the current reconnection attempt (1-based), 0 when not reconnecting
 * @param maxAttempts how many attempts the policy allows
 * @param error the last error, or null
 * @param authRequired the server refused the credentials: sign-in is needed, and nothing retries by itself
 * @param retriesExhausted the automatic attempts are spent; only {@code retry()} starts over
 */
public record ConnectionStatus(ConnectionState state, int attempt, int maxAttempts, SocketError error,
        boolean authRequired, boolean retriesExhausted) {

    public static ConnectionStatus initial(int maxAttempts) {
        return new ConnectionStatus(ConnectionState.DISCONNECTED, 0, maxAttempts, null, false, false);
    }

    public boolean connected() {
        return state == ConnectionState.CONNECTED;
    }
}

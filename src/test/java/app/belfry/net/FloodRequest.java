package app.belfry.net;

import org.json.JSONException;
import org.json.JSONObject;

/**
 * Asks the benchmarks' flood server (../shared/bench/flood-server.mjs, and the UI peer's copy of it) for
 * {@code n} notifications on a connection's own socket: the server sends them to the socket that asked. Here because
 * emitting is the net layer's own business ({@link SocketConnection#emit} is not public).
 */
public final class FloodRequest {

    private FloodRequest() {
    }

    /** {@code rate} a second, or as fast as the server can at 0; on the socket's event thread, returns at once. */
    public static void ask(SocketConnection connection, int n, int rate) {
        connection.execute(() -> {
            JSONObject go = new JSONObject();
            try {
                go.put("n", n);
                go.put("rate", rate);
            } catch (JSONException e) {
                throw new IllegalStateException(e);
            }
            connection.emit("go", go);
        });
    }
}

package app.belfry.net;

import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * OkHttp's WebSockets, with pings that notice a dead path within seconds ({@link SocketConnection}'s
 * {@code DEAD_PATH_PING_MILLIS}), unless the server shows that it does not answer pings: RFC 6455 requires it, but
 * some servers (netty-socketio, issue #946) drop them, and with such a server every connection would fail after two
 * intervals. Three connections in a row that fail for want of their very first pong are taken as that server's way;
 * from then on this connection's sockets go without pings, and a dead path is noticed by the server's own heartbeat
 * (its ping interval plus ping timeout), as before. One or two such failures may be a path that died within seconds of
 * connecting (a flaky network): that must not cost the pings.
 */
final class PingingWebSockets implements WebSocket.Factory {

    private static final System.Logger LOG = System.getLogger(PingingWebSockets.class.getName());
    /** Connections in a row that must fail for want of their first pong before pings are given up. */
    static final int UNANSWERED_TO_GIVE_UP = 3;

    private final WebSocket.Factory pinging;
    private final WebSocket.Factory quiet;
    private int unansweredInARow; // guarded by this
    private volatile boolean givenUp;

    PingingWebSockets(WebSocket.Factory pinging, WebSocket.Factory quiet) {
        this.pinging = pinging;
        this.quiet = quiet;
    }

    /** The same client, with and without pings: one dispatcher and one connection pool for both. */
    static PingingWebSockets of(OkHttpClient pinging) {
        return new PingingWebSockets(pinging, pinging.newBuilder().pingInterval(0, java.util.concurrent.TimeUnit.SECONDS)
                .build());
    }

    /** False once the server has shown that it does not answer pings. */
    boolean pinging() {
        return !givenUp;
    }

    @Override
    public WebSocket newWebSocket(Request request, WebSocketListener listener) {
        if (givenUp) {
            return quiet.newWebSocket(request, listener);
        }
        return pinging.newWebSocket(request, new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                listener.onOpen(webSocket, response);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                listener.onMessage(webSocket, text);
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                listener.onMessage(webSocket, bytes);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                listener.onClosing(webSocket, code, reason);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                closed();
                listener.onClosed(webSocket, code, reason);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                failed(t);
                listener.onFailure(webSocket, t, response);
            }
        });
    }

    /** A socket closed in order: whatever it was, it was not a server that ignores pings. */
    synchronized void closed() {
        unansweredInARow = 0;
    }

    /** A socket failed: was it for want of its very first pong? */
    void failed(Throwable t) {
        boolean firstPongMissing = firstPongMissing(t);
        synchronized (this) {
            unansweredInARow = firstPongMissing ? unansweredInARow + 1 : 0;
            if (unansweredInARow < UNANSWERED_TO_GIVE_UP || givenUp) {
                return;
            }
            givenUp = true;
        }
        LOG.log(Level.WARNING, "The server does not answer WebSocket pings: a dead connection is noticed by the "
                + "server''s own heartbeat from now on, which takes longer");
    }

    /** OkHttp's words when a ping's pong has not come back by the next ping, and none ever had on that socket. */
    static boolean firstPongMissing(Throwable t) {
        String message = t == null ? null : t.getMessage();
        return t instanceof SocketTimeoutException && message != null && message.contains("didn't receive pong")
                && message.contains("after 0 successful ping/pongs");
    }
}

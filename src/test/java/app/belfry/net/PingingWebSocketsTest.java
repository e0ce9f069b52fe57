package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;

/** When pings are given up, against fake factories that record which one was used. */
class PingingWebSocketsTest {

    private final List<String> used = new ArrayList<>();
    private final List<WebSocketListener> listeners = new ArrayList<>();
    private final PingingWebSockets sockets = new PingingWebSockets(factory("pinging"), factory("quiet"));

    private WebSocket.Factory factory(String name) {
        return (request, listener) -> {
            used.add(name);
            listeners.add(listener);
            return null;
        };
    }

    private WebSocketListener open() {
        sockets.newWebSocket(new Request.Builder().url("http://localhost/").build(), new WebSocketListener() { });
        return listeners.get(listeners.size() - 1);
    }

    /** The exception OkHttp 3.12 fails a socket with when the pong of ping number {@code failed} is missing. */
    private static SocketTimeoutException unanswered(int successful) {
        return new SocketTimeoutException("sent ping but didn't receive pong within 4000ms (after " + successful
                + " successful ping/pongs)");
    }

    @Test
    void aServerThatNeverAnswersIsLeftWithoutPingsAfterThreeConnectionsInARow() {
        open().onFailure(null, unanswered(0), null);
        open().onFailure(null, unanswered(0), null);
        assertThat(sockets.pinging()).as("two may be a flaky path that died at once").isTrue();
        open().onFailure(null, unanswered(0), null);
        assertThat(sockets.pinging()).isFalse();
        open();
        assertThat(used).containsExactly("pinging", "pinging", "pinging", "quiet");
    }

    @Test
    void aPathThatDiesAfterPongsCameBackKeepsThePings() {
        for (int i = 0; i < 5; i++) {
            open().onFailure(null, unanswered(3), null); // a real dead path: pongs came, then stopped
        }
        open().onFailure(null, new IOException("connection reset"), null);
        assertThat(sockets.pinging()).isTrue();
    }

    @Test
    void anOrderlyCloseOrAnotherFailureInBetweenStartsTheCountAgain() {
        open().onFailure(null, unanswered(0), null);
        open().onFailure(null, unanswered(0), null);
        open().onClosed(null, 1000, "bye");
        open().onFailure(null, unanswered(0), null);
        open().onFailure(null, unanswered(0), null);
        assertThat(sockets.pinging()).isTrue();
        open().onFailure(null, new IOException("reset"), null);
        open().onFailure(null, unanswered(0), null);
        open().onFailure(null, unanswered(0), null);
        assertThat(sockets.pinging()).isTrue();
    }
}

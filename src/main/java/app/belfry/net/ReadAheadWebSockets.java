package app.belfry.net;

import io.socket.parser.Packet;
import io.socket.thread.EventThread;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.json.JSONArray;

/**
 * The WebSocket factory that socket.io-client's transport is built with: OkHttp's, with the transport's listener
 * wrapped so that frames cross from OkHttp's reading thread to socket.io's event thread in batches, decoded ahead.
 *
 * <p>socket.io-client-java hands every frame to its event thread as a task of its own (a lock, a queue node and
 * often a wake-up each), and decodes it there, so under a flood one thread did all the JSON work while OkHttp's
 * waited. Here the reading thread decodes each EVENT or ACK packet ({@link JacksonPacketDecoder#readAhead}) and
 * queues the frame; one event-thread task takes everything queued since its last run and hands it to the library
 * frame by frame, in order, exactly as the library's own listener would (it runs the library's listener on the
 * event thread, where the library's {@code EventThread.exec} runs at once). Open, close and failure go through the
 * same queue, so nothing overtakes a frame.
 */
final class ReadAheadWebSockets implements WebSocket.Factory {

    private static final System.Logger LOG = System.getLogger(ReadAheadWebSockets.class.getName());
    /** Frames handed over per event-thread task at most, so that timers and sends interleave with a flood. */
    private static final int MAX_PER_TASK = 256;

    private final WebSocket.Factory http;
    private final JacksonPacketDecoder decoder;

    ReadAheadWebSockets(WebSocket.Factory http, JacksonPacketDecoder decoder) {
        this.http = http;
        this.decoder = decoder;
    }

    @Override
    public WebSocket newWebSocket(Request request, WebSocketListener listener) {
        return http.newWebSocket(request, new HandOver(listener));
    }

    private final class HandOver extends WebSocketListener {

        private final WebSocketListener library;
        private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        HandOver(WebSocketListener library) {
            this.library = library;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            handOver(() -> library.onOpen(webSocket, response));
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            Packet<JSONArray> packet = text == null ? null : JacksonPacketDecoder.readAhead(text);
            if (packet == null) {
                handOver(() -> library.onMessage(webSocket, text));
            } else {
                handOver(() -> decoder.deliver(packet, text, () -> library.onMessage(webSocket, text)));
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            handOver(() -> library.onMessage(webSocket, bytes));
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            handOver(() -> library.onClosing(webSocket, code, reason));
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            handOver(() -> library.onClosed(webSocket, code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            handOver(() -> library.onFailure(webSocket, t, response));
        }

        private void handOver(Runnable frame) {
            queue.add(frame);
            if (scheduled.compareAndSet(false, true)) {
                EventThread.nextTick(this::drain);
            }
        }

        /** On the event thread. */
        private void drain() {
            // Clear the flag before taking: a frame queued after this point schedules another run, so none waits.
            scheduled.set(false);
            Runnable frame;
            for (int i = 0; i < MAX_PER_TASK && (frame = queue.poll()) != null; i++) {
                try {
                    frame.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "socket.io-client failed on a frame", e);
                }
            }
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                EventThread.nextTick(this::drain);
            }
        }
    }
}

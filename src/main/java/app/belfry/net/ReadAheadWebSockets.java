package app.belfry.net;

import io.socket.parser.Packet;
import io.socket.thread.EventThread;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>One step further, when nothing is queued or running ahead of it, a frame may be handled on the reading thread
 * itself by a {@link Shortcut} (the connection's handlers that are safe there): at a human pace most notifications
 * then skip the hop to the event thread altogether. Order holds either way: the reading thread is the only one
 * that queues frames, and it takes the shortcut only when none is pending.
 */
final class ReadAheadWebSockets implements WebSocket.Factory {

    private static final System.Logger LOG = System.getLogger(ReadAheadWebSockets.class.getName());
    /** Frames handed over per event-thread task at most, so that timers and sends interleave with a flood. */
    private static final int MAX_PER_TASK = 256;

    /** Handles a packet decoded ahead on the reading thread; false when it must go the usual way instead. */
    interface Shortcut {
        Shortcut NONE = packet -> false;

        boolean handle(Packet<JSONArray> packet);
    }

    private final WebSocket.Factory http;
    private final JacksonPacketDecoder decoder;
    private final Shortcut shortcut;
    /** The newest WebSocket's listener: frames of an older one (a transport being closed) never take the shortcut. */
    private volatile HandOver current;

    ReadAheadWebSockets(WebSocket.Factory http, JacksonPacketDecoder decoder, Shortcut shortcut) {
        this.http = http;
        this.decoder = decoder;
        this.shortcut = shortcut;
    }

    @Override
    public WebSocket newWebSocket(Request request, WebSocketListener listener) {
        HandOver handOver = new HandOver(listener);
        current = handOver;
        return http.newWebSocket(request, handOver);
    }

    private final class HandOver extends WebSocketListener {

        private final WebSocketListener library;
        private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        /** Frames queued and not yet handled; only the reading thread raises it. */
        private final AtomicInteger pending = new AtomicInteger();

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
            if (packet != null && pending.get() == 0 && current == this && shortcut.handle(packet)) {
                return;
            }
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
            pending.incrementAndGet();
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
                } finally {
                    pending.decrementAndGet();
                }
            }
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                EventThread.nextTick(this::drain);
            }
        }
    }
}

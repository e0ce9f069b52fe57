package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.socket.parser.Packet;
import io.socket.thread.EventThread;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.json.JSONArray;
import org.junit.jupiter.api.Test;

class ReadAheadWebSocketsTest {

    /** Stands in for socket.io-client's transport listener: records what reaches it, where, and what it decoded. */
    private static final class Library extends WebSocketListener {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final JacksonPacketDecoder decoder = new JacksonPacketDecoder();
        final List<Packet<?>> decoded = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch closed = new CountDownLatch(1);
        volatile boolean offEventThread;

        Library() {
            decoder.onDecoded(decoded::add);
        }

        private void record(String what) {
            offEventThread |= !EventThread.isCurrent();
            seen.add(what);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            record("open");
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            record(text);
            if (text.equals("boom")) {
                throw new IllegalStateException("the library failed on this frame");
            }
            if (text.startsWith("4")) {
                decoder.add(text.substring(1)); // what engine.io does with a message frame
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            record("bytes:" + bytes.size());
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            record("closed:" + code);
            closed.countDown();
        }
    }

    /** Captures the listener the decorated factory hands to OkHttp, so that a test can play OkHttp's reader. */
    private static final class Capture implements WebSocket.Factory {
        WebSocketListener listener;

        @Override
        public WebSocket newWebSocket(Request request, WebSocketListener listener) {
            this.listener = listener;
            return null;
        }
    }

    @Test
    void framesReachTheLibraryInOrderOnItsEventThread() throws Exception {
        Library library = new Library();
        Capture okhttp = new Capture();
        new ReadAheadWebSockets(okhttp, library.decoder, ReadAheadWebSockets.Shortcut.NONE)
                .newWebSocket(new Request.Builder().url("http://localhost/").build(), library);
        List<String> expected = new ArrayList<>();
        expected.add("open");
        Thread reader = new Thread(() -> {
            okhttp.listener.onOpen(null, null);
            for (int i = 0; i < 2000; i++) {
                String frame = "42/notifications,[\"notification:new\",{\"id\":\"n" + i + "\"}]";
                okhttp.listener.onMessage(null, frame);
                if (i == 700) {
                    okhttp.listener.onMessage(null, "boom");
                    okhttp.listener.onMessage(null, "2");
                    okhttp.listener.onMessage(null, ByteString.of((byte) 4, (byte) 1));
                }
            }
            okhttp.listener.onClosed(null, 1000, "bye");
        }, "OkHttp reader (test)");
        for (int i = 0; i < 2000; i++) {
            expected.add("42/notifications,[\"notification:new\",{\"id\":\"n" + i + "\"}]");
            if (i == 700) {
                expected.addAll(List.of("boom", "2", "bytes:2"));
            }
        }
        expected.add("closed:1000");
        reader.start();

        assertThat(library.closed.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(library.seen).containsExactlyElementsOf(expected); // a failing frame does not stop the rest
        assertThat(library.offEventThread).isFalse();
        assertThat(library.decoded).hasSize(2000);
        for (int i = 0; i < 2000; i++) {
            JSONArray data = (JSONArray) library.decoded.get(i).data;
            assertThat(((java.util.Map<?, ?>) data.get(1)).get("id")).isEqualTo("n" + i);
        }
    }

    @Test
    void theShortcutTakesAFrameOnlyWhenNothingIsPendingAheadOfIt() throws Exception {
        Library library = new Library();
        Capture okhttp = new Capture();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch lastQueued = new CountDownLatch(1);
        ReadAheadWebSockets.Shortcut shortcut = packet -> {
            String id = (String) ((java.util.Map<?, ?>) packet.data.opt(1)).get("id");
            if (id.startsWith("slow")) {
                return false;
            }
            order.add("shortcut " + id + (EventThread.isCurrent() ? " on the event thread" : ""));
            return true;
        };
        WebSocketListener recording = new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                order.add("library " + text.replaceAll(".*\"id\":\"([^\"]*)\".*", "$1"));
                if (text.equals("2")) {
                    lastQueued.countDown();
                }
                if (text.contains("slow-1")) {
                    slowStarted.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS); // the event thread is busy with this frame
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        new ReadAheadWebSockets(okhttp, library.decoder, shortcut)
                .newWebSocket(new Request.Builder().url("http://localhost/").build(), recording);
        String frame = "42/notifications,[\"notification:new\",{\"id\":\"%s\"}]";

        okhttp.listener.onMessage(null, String.format(frame, "a"));
        okhttp.listener.onMessage(null, String.format(frame, "slow-1"));
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        okhttp.listener.onMessage(null, String.format(frame, "b")); // slow-1 is still running: b must wait its turn
        okhttp.listener.onMessage(null, "2");
        release.countDown();
        assertThat(lastQueued.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch drained = new CountDownLatch(1);
        EventThread.nextTick(drained::countDown); // runs once the drain that handled "2" has finished
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
        okhttp.listener.onMessage(null, String.format(frame, "c")); // nothing pending now: the shortcut takes it

        assertThat(order).containsExactly("shortcut a", "library slow-1", "library b", "library 2", "shortcut c");
    }
}

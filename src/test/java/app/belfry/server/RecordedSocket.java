package app.belfry.server;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Events;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * A socket.io-client socket whose incoming events land in one queue per event name, so that a test can wait for
 * the next one with a timeout instead of sleeping. Listeners are attached before the socket opens, so that events
 * sent at connect time (catch-up) are not missed.
 */
final class RecordedSocket implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);

    private static final List<String> RECORDED = List.of(Socket.EVENT_CONNECT, Socket.EVENT_CONNECT_ERROR,
            Socket.EVENT_DISCONNECT, Events.NOTIFICATION_NEW, Events.NOTIFICATION_UPDATED, Events.ERROR);

    private final Socket socket;
    private final Map<String, BlockingQueue<Object[]>> received = new ConcurrentHashMap<>();
    private final List<String> transportsUsed = new CopyOnWriteArrayList<>();

    RecordedSocket(Socket socket) {
        this.socket = socket;
        for (String event : RECORDED) {
            socket.on(event, args -> queue(event).add(args));
        }
        socket.io().on(Manager.EVENT_TRANSPORT, args -> transportsUsed.add(((Transport) args[0]).name));
    }

    /** Opens the socket and waits until the namespace is connected; fails with the refusal if there is one. */
    RecordedSocket connect() {
        open();
        awaitConnected();
        return this;
    }

    void open() {
        socket.connect();
    }

    void awaitConnected() {
        Object[] connected = poll(Socket.EVENT_CONNECT, WAIT);
        if (connected == null) {
            Object[] refusal = queue(Socket.EVENT_CONNECT_ERROR).poll();
            throw new AssertionError("not connected within " + WAIT + "; connect_error: "
                    + (refusal == null ? "none" : ConnectError.from(refusal)));
        }
    }

    /** The refusal of a handshake; fails if the socket connects instead, or nothing happens. */
    ConnectError awaitConnectError() {
        Object[] args = poll(Socket.EVENT_CONNECT_ERROR, WAIT);
        assertThat(args).as("connect_error within %s (connected: %s)", WAIT, socket.connected()).isNotNull();
        return ConnectError.from(args);
    }

    /** The reason the client gives for the next disconnect, e.g. {@code "io server disconnect"}. */
    String awaitDisconnectReason() {
        Object[] args = poll(Socket.EVENT_DISCONNECT, WAIT);
        assertThat(args).as("disconnect within %s", WAIT).isNotNull();
        return args.length == 0 ? null : String.valueOf(args[0]);
    }

    /** The first argument of the next event of that name, as JSON; fails if none comes within {@link #WAIT}. */
    JsonNode next(String event) {
        Object[] args = poll(event, WAIT);
        assertThat(args).as("'%s' within %s", event, WAIT).isNotNull();
        return toJson(args.length == 0 ? null : args[0]);
    }

    JsonNode nextNew() {
        return next(Events.NOTIFICATION_NEW);
    }

    JsonNode nextUpdated() {
        return next(Events.NOTIFICATION_UPDATED);
    }

    /** The next {@code error} event, checked against the contract's shape {@code {message: string, code?}}. */
    JsonNode nextError() {
        JsonNode error = next(Events.ERROR);
        assertThat(error.path("message").isTextual()).as("message of the error %s", error).isTrue();
        return error;
    }

    /** The code of the next {@code error} event. */
    String nextErrorCode() {
        return nextError().path("code").asText();
    }

    /** The first arguments of the events of that name received so far and not yet taken, oldest first. */
    List<JsonNode> drain(String event) {
        List<Object[]> taken = new ArrayList<>();
        queue(event).drainTo(taken);
        List<JsonNode> result = new ArrayList<>();
        for (Object[] args : taken) {
            result.add(toJson(args.length == 0 ? null : args[0]));
        }
        return result;
    }

    void emit(String event, Object payload) {
        socket.emit(event, payload);
    }

    /** Emits with an ack callback; the future completes with the ack's first argument as JSON. */
    CompletableFuture<JsonNode> emitForAck(String event, Object payload) {
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        socket.emit(event, new Object[] {payload}, args -> ack.complete(toJson(args.length == 0 ? null : args[0])));
        return ack;
    }

    /** Emits and waits up to {@link #WAIT} for the ack. */
    JsonNode emitAndAwaitAck(String event, Object payload) {
        return awaitAck(emitForAck(event, payload), event);
    }

    static JsonNode awaitAck(CompletableFuture<JsonNode> ack, String event) {
        try {
            return ack.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no ack for '" + event + "' within " + WAIT, e);
        } catch (ExecutionException e) {
            throw new AssertionError("ack for '" + event + "' failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the ack of '" + event + "'", e);
        }
    }

    /** The Engine.IO transports this socket has used, in order: one entry when nothing was upgraded. */
    List<String> transportsUsed() {
        return List.copyOf(transportsUsed);
    }

    boolean connected() {
        return socket.connected();
    }

    @Override
    public void close() {
        socket.off();
        socket.close();
    }

    private Object[] poll(String event, Duration timeout) {
        try {
            return queue(event).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for '" + event + "'", e);
        }
    }

    private BlockingQueue<Object[]> queue(String event) {
        return received.computeIfAbsent(event, name -> new LinkedBlockingQueue<>());
    }

    /** socket.io-client hands over org.json values; the tests read Jackson trees. */
    static JsonNode toJson(Object arg) {
        if (arg == null || arg == JSONObject.NULL) {
            return NullNode.getInstance();
        }
        if (arg instanceof JSONObject || arg instanceof JSONArray) {
            return BackendHttp.json(arg.toString());
        }
        if (arg instanceof String text) {
            return TextNode.valueOf(text);
        }
        return BackendHttp.JSON.valueToTree(arg);
    }

    /** A handshake refusal as the client surfaces it: {@code {message, data: {code}}}, or a transport failure. */
    record ConnectError(String message, String code, Object raw) {

        static ConnectError from(Object[] args) {
            Object arg = args.length == 0 ? null : args[0];
            if (arg instanceof JSONObject object) {
                JSONObject data = object.optJSONObject("data");
                return new ConnectError(object.optString("message", null),
                        data == null ? null : data.optString("code", null), arg);
            }
            if (arg instanceof Throwable failure) {
                return new ConnectError(failure.getMessage(), null, arg);
            }
            return new ConnectError(String.valueOf(arg), null, arg);
        }

        @Override
        public String toString() {
            return "ConnectError[message=" + message + ", code=" + code + ", raw=" + raw + " ("
                    + (raw == null ? "null" : raw.getClass().getName()) + ")]";
        }
    }
}

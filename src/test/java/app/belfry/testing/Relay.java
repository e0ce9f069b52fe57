package app.belfry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback between a client and a server, which can turn the connections it carries into a
 * blackhole: they stay open, nothing is closed or reset, but no byte goes through any more in either direction (what
 * a sleeping laptop, a NAT that forgot the flow or a Wi-Fi roam does). Connections made after that go through.
 */
public final class Relay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** One client connection and its connection to the server. */
    private static final class Pair {
        final Socket client;
        final Socket server;
        volatile boolean blackholed;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }
    }

    public Relay(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "test-relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** The URL to give the client instead of the server's. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** From now on, nothing passes on the connections open now; they are not closed. New ones work. */
    public void blackholeOpenConnections() {
        pairs.forEach(pair -> pair.blackholed = true);
    }

    /** How many connections have been accepted and are not blackholed. */
    public long liveConnections() {
        return pairs.stream().filter(pair -> !pair.blackholed && !pair.client.isClosed()).count();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target, 5_000);
                Pair pair = new Pair(client, server);
                pairs.add(pair);
                pump(pair, client, server, "up");
                pump(pair, server, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Pair pair, Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (pair.blackholed) {
                        continue; // swallowed: neither delivered nor answered, and the connection stays open
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            }
            if (!pair.blackholed) {
                closeQuietly(pair.client);
                closeQuietly(pair.server);
            }
        }, "test-relay-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Pair pair : pairs) {
            closeQuietly(pair.client);
            closeQuietly(pair.server);
        }
    }
}

package app.belfry;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starting Belfry while it runs brings the running window to the front instead of opening a second one.
 *
 * <p>The Belfry that holds the data folder's lock listens on a Unix domain socket in the folder
 * ({@code belfry.sock}; Windows 10 and later have them too). A second start asks it to show its window, and ends
 * when it answers. The only message is {@code show}, and the only answer {@code ok}: nothing else is read, and
 * the folder is its owner's only.
 */
final class SingleInstance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SingleInstance.class.getName());
    static final String SOCKET_NAME = "belfry.sock";
    /** How long a second start waits for the answer. */
    private static final long ANSWER_MILLIS = 2_000;
    /** How long the running one waits for a request: well under the above, so a silent client delays others little. */
    private static final long REQUEST_MILLIS = 300;

    private final Path socket;
    private final ServerSocketChannel server;

    private SingleInstance(Path socket, ServerSocketChannel server) {
        this.socket = socket;
        this.server = server;
    }

    /**
     * Asks a Belfry running on this folder to show its window. True when one answered; false when none listens
     * (none runs, it runs headless, or it crashed and left its socket behind) or it did not answer in time.
     */
    static boolean askRunningToShow(Path directory) {
        Path path = directory.resolve(SOCKET_NAME);
        if (!Files.exists(path)) {
            return false;
        }
        CompletableFuture<Boolean> answered = CompletableFuture.supplyAsync(() -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(path));
                channel.write(ByteBuffer.wrap("show\n".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer answer = ByteBuffer.allocate(3);
                while (answer.hasRemaining() && channel.read(answer) >= 0) {
                    // until "ok\n" or the end
                }
                return "ok\n".equals(new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII));
            } catch (IOException | RuntimeException e) {
                return false; // nobody listens: a socket file left by a crash
            }
        });
        try {
            return answered.get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * Listens for second starts; call only while holding the folder's lock (so the socket file is this process's
     * to replace). {@code show} runs on the listening thread. Null, after one INFO line, when the socket cannot be
     * made (a path too long for a Unix socket, an old Windows): Belfry then works as before, without this.
     */
    static SingleInstance listen(Path directory, Runnable show) {
        Path path = directory.resolve(SOCKET_NAME);
        try {
            Files.deleteIfExists(path); // a crashed Belfry's; the lock says no other one is alive
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            SingleInstance instance = new SingleInstance(path, server);
            Thread thread = new Thread(() -> instance.serve(show), "belfry-single-instance");
            thread.setDaemon(true);
            thread.start();
            return instance;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "A second start will open a second window: cannot listen at {0} ({1})", path,
                    e.toString());
            return null;
        }
    }

    private void serve(Runnable show) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                // Not blocking, with a deadline: a client that connects and says nothing must not hold the door.
                client.configureBlocking(false);
                ByteBuffer request = ByteBuffer.allocate(5);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REQUEST_MILLIS);
                while (request.hasRemaining() && System.nanoTime() < deadline && client.read(request) >= 0) {
                    if (request.hasRemaining()) {
                        Thread.sleep(5);
                    }
                }
                if ("show\n".equals(new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII))) {
                    show.run();
                    client.write(ByteBuffer.wrap("ok\n".getBytes(StandardCharsets.US_ASCII)));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // (the window is closing, say): no answer, so the second start goes on by itself; keep listening
                LOG.log(Level.WARNING, "Could not show the window for a second start", e);
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.DEBUG, "A second start's request failed: {0}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // gone with the process
        }
    }
}

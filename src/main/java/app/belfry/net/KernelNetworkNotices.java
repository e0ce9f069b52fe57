package app.belfry.net;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * What Linux's kernel says when a network interface or an address comes or goes, for a {@link NetworkWatch}: a
 * netlink socket subscribed to the routing messages about links and addresses (rtnetlink), read on a daemon thread
 * of its own that sleeps in {@code recv()} until one comes. A message only means "look again": the watch compares
 * the addresses itself, so a container's bridge that comes and goes changes nothing. With it, the watch need not
 * list the interfaces every few seconds to notice a change.
 *
 * <p>Through JNA, on 64-bit Linux (the socket options' numbers are those of x86-64 and ARM64). Where the socket cannot
 * be opened, {@link #listen} says so and the watch lists the interfaces on its own.
 */
final class KernelNetworkNotices implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KernelNetworkNotices.class.getName());

    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_ROUTE = 0;
    private static final int RTMGRP_LINK = 0x1;
    private static final int RTMGRP_IPV4_IFADDR = 0x10;
    private static final int RTMGRP_IPV6_IFADDR = 0x100;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ENOBUFS = 105;
    /** How long a read waits at most: how late, after {@link #close}, the thread ends. */
    private static final long READ_TIMEOUT_SECONDS = 60;

    /** The C library's calls used here. */
    interface C extends Library {
        int socket(int domain, int type, int protocol);

        int bind(int socket, SocketAddress address, int length);

        int setsockopt(int socket, int level, int name, TimeValue value, int length);

        NativeLong recv(int socket, byte[] buffer, NativeLong length, int flags);

        int close(int socket);
    }

    /** {@code struct sockaddr_nl}: the groups of messages to hear. */
    @Structure.FieldOrder({"family", "pad", "pid", "groups"})
    public static final class SocketAddress extends Structure {
        public short family;
        public short pad;
        public int pid;
        public int groups;
    }

    /** {@code struct timeval}, 64-bit. */
    @Structure.FieldOrder({"seconds", "microseconds"})
    public static final class TimeValue extends Structure {
        public long seconds;
        public long microseconds;
    }

    private final C c;
    private final int socket;
    private final Runnable onNotice;
    private final Runnable onLost;
    private volatile boolean open = true;

    private KernelNetworkNotices(C c, int socket, Runnable onNotice, Runnable onLost) {
        this.c = c;
        this.socket = socket;
        this.onNotice = onNotice;
        this.onLost = onLost;
    }

    /**
     * Starts listening; {@code onNotice} runs on the listening thread, once per message (a burst of them when a
     * network comes up), and {@code onLost} if reading fails for good. Empty where the kernel's notices cannot be
     * had.
     */
    static Optional<KernelNetworkNotices> listen(Runnable onNotice, Runnable onLost) {
        C c;
        int socket;
        try {
            c = Native.load("c", C.class);
            socket = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
            if (socket < 0) {
                LOG.log(Level.INFO, "No netlink socket (errno {0}): the network is checked every {1} ms",
                        Native.getLastError(), NetworkWatch.CHECK_MILLIS);
                return Optional.empty();
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "No netlink socket ({0}): the network is checked every {1} ms", e.toString(),
                    NetworkWatch.CHECK_MILLIS);
            return Optional.empty();
        }
        SocketAddress address = new SocketAddress();
        address.family = AF_NETLINK;
        address.groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR;
        TimeValue timeout = new TimeValue();
        timeout.seconds = READ_TIMEOUT_SECONDS;
        if (c.bind(socket, address, address.size()) != 0
                || c.setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.size()) != 0) {
            LOG.log(Level.INFO, "Cannot listen to netlink (errno {0}): the network is checked every {1} ms",
                    Native.getLastError(), NetworkWatch.CHECK_MILLIS);
            c.close(socket);
            return Optional.empty();
        }
        KernelNetworkNotices notices = new KernelNetworkNotices(c, socket, onNotice, onLost);
        Thread thread = new Thread(notices::read, "belfry-netlink");
        thread.setDaemon(true);
        thread.start();
        return Optional.of(notices);
    }

    private void read() {
        byte[] buffer = new byte[16 * 1024];
        NativeLong length = new NativeLong(buffer.length);
        try {
            while (open) {
                long read = c.recv(socket, buffer, length, 0).longValue();
                int errno = read < 0 ? Native.getLastError() : 0;
                if (!open) {
                    break;
                }
                if (read > 0 || errno == ENOBUFS) { // ENOBUFS: messages were lost, so something changed
                    onNotice.run();
                } else if (read == 0 || errno != EAGAIN && errno != EINTR) {
                    LOG.log(Level.INFO, "Netlink read failed (errno {0}): no more notices from the kernel", errno);
                    onLost.run();
                    break;
                }
            }
        } finally {
            c.close(socket);
        }
    }

    /** Stops listening; the thread ends at its next message, or within a minute. */
    @Override
    public void close() {
        open = false;
    }
}

package app.belfry.net;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Notices the two moments when a connection that looks fine is probably not: the machine has just woken from sleep,
 * or its network has changed (another Wi-Fi, a cable, a VPN). A listener then checks or re-opens its connection at
 * once, instead of waiting for a ping or a back-off timer.
 *
 * <p>Sleep shows as a jump of the wall clock against the monotonic one: every {@link #CHECK_MILLIS} a check compares
 * how far each has moved since the last check. On Linux and macOS the monotonic clock stops while the machine
 * sleeps; where it does not, the check itself comes late by the time slept, which counts the same way. A network
 * change shows as a change of the set of addresses of the interfaces that are up (container and virtual-machine
 * bridges left out: they come and go with containers, not with the path to a server). On Linux the kernel tells of
 * every change of interfaces and addresses ({@link KernelNetworkNotices}): there the addresses are compared when it
 * does, a moment after the first notice of a burst, and the checks read the clocks only; listing the interfaces was
 * most of what the watch cost. Where the system can say so itself (NetworkManager or logind on Linux's system bus),
 * {@link #changed} is called from outside as well.
 *
 * <p>Threads: checks and comparisons run on one daemon thread of its own; listeners are called there and must hand
 * their work on.
 */
public final class NetworkWatch implements AutoCloseable {

    /** Why a listener is called. */
    public enum Reason {
        /** The machine has woken from sleep. */
        WOKE,
        /** The network's interfaces or addresses have changed. */
        NETWORK_CHANGED
    }

    /** The set of the machine's addresses, each as {@code interface/address}; swapped for a fake in tests. */
    @FunctionalInterface
    public interface Addresses {
        Set<String> current();
    }

    /** How often the clocks and the addresses are checked. */
    public static final long CHECK_MILLIS = 2_000;
    /** How much more than {@link #CHECK_MILLIS} must pass between two checks to count as sleep. */
    static final long SLEEP_GAP_MILLIS = 5_000;
    /** How long after the kernel's first notice the addresses are compared: one look for a burst of notices. */
    static final long NOTICE_SETTLE_MILLIS = 300;
    /** Interfaces that are not the path to a server: Docker's, libvirt's, VirtualBox's and VMware's bridges. */
    private static final List<String> VIRTUAL_PREFIXES = List.of("docker", "veth", "br-", "virbr", "vboxnet", "vmnet");

    private static final System.Logger LOG = System.getLogger(NetworkWatch.class.getName());

    private final LongSupplier wallMillis;
    private final LongSupplier monotonicNanos;
    private final Addresses addresses;
    private final List<Consumer<Reason>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;
    private Map<String, String> systemBus; // the environment whose system bus to listen on; null: none
    private SystemBusSignals signals;
    private boolean linux; // whether to ask the kernel for its notices
    private KernelNetworkNotices kernel;
    private boolean lookPending; // a comparison after a notice is scheduled
    /** While true, the kernel tells of changes of the addresses and the checks leave them alone. */
    private volatile boolean kernelTells;

    // Check-thread state (or the test's, when it calls check() itself).
    private long lastWall;
    private long lastMonotonic;
    private Set<String> lastAddresses;

    /**
     * A watch on this machine's clocks and interfaces; on Linux, once started, also on what logind and
     * NetworkManager say on the system bus of {@code env} ({@link SystemBusSignals}).
     */
    public static NetworkWatch ofSystem(Map<String, String> env) {
        NetworkWatch watch = new NetworkWatch(System::currentTimeMillis, System::nanoTime,
                NetworkWatch::interfaceAddresses);
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            watch.systemBus = env;
            watch.linux = true;
        }
        return watch;
    }

    public NetworkWatch(LongSupplier wallMillis, LongSupplier monotonicNanos, Addresses addresses) {
        this.wallMillis = wallMillis;
        this.monotonicNanos = monotonicNanos;
        this.addresses = addresses;
        this.lastWall = wallMillis.getAsLong();
        this.lastMonotonic = monotonicNanos.getAsLong();
        this.lastAddresses = readAddresses();
    }

    public void addListener(Consumer<Reason> listener) {
        listeners.add(listener);
    }

    /** Starts the checks on a daemon thread; returns this. */
    public synchronized NetworkWatch start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "belfry-network-watch");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
            if (linux) {
                kernel = KernelNetworkNotices.listen(this::addressesMayHaveChanged, () -> kernelTells(false))
                        .orElse(null);
                kernelTells(kernel != null);
            }
            if (systemBus != null) {
                Map<String, String> env = systemBus;
                timer.execute(() -> listenOnSystemBus(env)); // off the caller's thread: connecting may take a moment
            }
        }
        return this;
    }

    private void listenOnSystemBus(Map<String, String> env) {
        Optional<SystemBusSignals> listening = SystemBusSignals.listen(env, this);
        synchronized (this) {
            if (timer == null) {
                listening.ifPresent(SystemBusSignals::close); // closed meanwhile
            } else {
                signals = listening.orElse(null);
            }
        }
    }

    /**
     * Whether the kernel tells of changes of the addresses ({@link #compareAddresses} then runs when it does), so
     * that the checks need not list them; false again if its notices stop.
     */
    void kernelTells(boolean tells) {
        kernelTells = tells;
    }

    /** The kernel's notice (any thread): the addresses are compared a moment later, once for a burst of notices. */
    private synchronized void addressesMayHaveChanged() {
        if (timer != null && !lookPending) {
            lookPending = true;
            timer.schedule(this::compareAddresses, NOTICE_SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** After the kernel's notice: have the addresses changed? Tests call it directly. */
    void compareAddresses() {
        synchronized (this) {
            lookPending = false;
        }
        if (addressesChanged()) {
            LOG.log(Level.INFO, "The network has changed");
            changed(Reason.NETWORK_CHANGED);
        }
    }

    /**
     * One check: has the machine slept, has the network changed since the last one (unless the kernel tells of
     * that)? Tests call it directly.
     */
    public void check() {
        long wall = wallMillis.getAsLong();
        long monotonic = monotonicNanos.getAsLong();
        long wallElapsed = wall - lastWall;
        long monotonicElapsed = TimeUnit.NANOSECONDS.toMillis(monotonic - lastMonotonic);
        lastWall = wall;
        lastMonotonic = monotonic;
        boolean addressesChanged = !kernelTells && addressesChanged();
        // A wall clock that moved far more than the monotonic one: the machine slept. (A clock set back by hand, or
        // by NTP, moves it the other way and is no reason.) A check that came late by either clock: the same.
        if (wallElapsed - monotonicElapsed > SLEEP_GAP_MILLIS || monotonicElapsed > CHECK_MILLIS + SLEEP_GAP_MILLIS) {
            LOG.log(Level.INFO, "The machine has woken (the clock moved {0} s in {1} s)", wallElapsed / 1000,
                    monotonicElapsed / 1000);
            changed(Reason.WOKE);
        } else if (addressesChanged) {
            LOG.log(Level.INFO, "The network has changed");
            changed(Reason.NETWORK_CHANGED);
        }
    }

    /** Tells the listeners; also called by the system's own signals. */
    public void changed(Reason reason) {
        for (Consumer<Reason> listener : listeners) {
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "A network listener failed", e);
            }
        }
    }

    private boolean addressesChanged() {
        Set<String> now = readAddresses();
        boolean changed = !now.equals(lastAddresses);
        lastAddresses = now;
        return changed;
    }

    private Set<String> readAddresses() {
        try {
            return Set.copyOf(addresses.current());
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Cannot list the network interfaces: {0}", e.toString());
            return lastAddresses == null ? Set.of() : lastAddresses; // no news is no change
        }
    }

    /** The addresses of the interfaces that are up, loopback and virtual bridges left out. */
    static Set<String> interfaceAddresses() {
        Set<String> result = new TreeSet<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback() || isVirtualBridge(network.getName())) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    result.add(network.getName() + "/" + address.getHostAddress());
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    static boolean isVirtualBridge(String name) {
        return VIRTUAL_PREFIXES.stream().anyMatch(name::startsWith);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        if (signals != null) {
            signals.close();
            signals = null;
        }
        if (kernel != null) {
            kernel.close();
            kernel = null;
        }
    }
}

package app.belfry.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hosts to reach without the proxy: a {@code NO_PROXY} list, read as curl reads it.
 * <ul>
 *   <li>Entries are separated by commas; spaces around them are ignored, and so is case.</li>
 *   <li>{@code *} as the whole list matches every host.</li>
 *   <li>A name matches itself and its subdomains: {@code example.com} and {@code .example.com} both match
 *       {@code example.com} and {@code a.example.com}, never {@code badexample.com}. Trailing dots are ignored.</li>
 *   <li>An IP address matches that address only (IPv6 with or without brackets); a CIDR block such as
 *       {@code 10.0.0.0/8} or {@code fd00::/8} matches the addresses in it, as curl 7.86 and later do. Names are
 *       never resolved: a host name does not match an address entry, nor an address a name entry.</li>
 *   <li>An entry with a port, {@code host:8080} or {@code [::1]:8080}, matches that port only.</li>
 * </ul>
 * An entry that means nothing (a bad port, a prefix too long for its address) is ignored, as curl ignores it.
 */
public final class NoProxy {

    /** The list that bypasses nothing: every host goes through the proxy. */
    public static final NoProxy NONE = new NoProxy(false, List.of());

    private static final int ANY_PORT = -1;

    private final boolean everyHost;
    private final List<Entry> entries;

    private NoProxy(boolean everyHost, List<Entry> entries) {
        this.everyHost = everyHost;
        this.entries = entries;
    }

    /** Reads a {@code NO_PROXY} value; null or blank bypasses nothing. */
    public static NoProxy parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        if (list.strip().equals("*")) {
            return new NoProxy(true, List.of());
        }
        List<Entry> entries = new ArrayList<>();
        for (String text : list.split(",")) {
            parseEntry(text.strip().toLowerCase(Locale.ROOT)).ifPresent(entries::add);
        }
        return new NoProxy(false, List.copyOf(entries));
    }

    /**
     * True when a connection to this host and port should not use the proxy.
     *
     * @param host a name or an address, as a URI gives it (an IPv6 address may be in brackets)
     * @param port the port the connection goes to (the scheme's default when the URI has none)
     */
    public boolean bypasses(String host, int port) {
        if (everyHost) {
            return true;
        }
        if (host == null || host.isBlank() || entries.isEmpty()) {
            return false;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        byte[] address = ipLiteral(name);
        if (address == null) {
            name = withoutTrailingDot(name);
        }
        for (Entry entry : entries) {
            if ((entry.port() == ANY_PORT || entry.port() == port) && entry.matches(name, address)) {
                return true;
            }
        }
        return false;
    }

    /** One entry of the list: a domain, or an address block. */
    private sealed interface Entry {
        int port();

        /** @param address the host's address when the host is an IP literal, else null */
        boolean matches(String name, byte[] address);
    }

    private record DomainEntry(String domain, int port) implements Entry {
        @Override
        public boolean matches(String name, byte[] address) {
            return address == null && (name.equals(domain) || name.endsWith("." + domain));
        }
    }

    private record AddressEntry(byte[] network, int prefixBits, int port) implements Entry {
        @Override
        public boolean matches(String name, byte[] address) {
            if (address == null || address.length != network.length) {
                return false;
            }
            int wholeBytes = prefixBits / 8;
            for (int i = 0; i < wholeBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefixBits % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = (0xff << (8 - restBits)) & 0xff;
            return (address[wholeBytes] & mask) == (network[wholeBytes] & mask);
        }
    }

    private static Optional<Entry> parseEntry(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String target = text;
        String portText = null;
        if (text.startsWith("[")) {
            // [v6], [v6]/bits, [v6]:port, [v6/bits]
            int close = text.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            String after = text.substring(close + 1);
            String prefix = "";
            if (after.startsWith("/")) {
                int colon = after.indexOf(':');
                prefix = colon < 0 ? after : after.substring(0, colon);
                after = colon < 0 ? "" : after.substring(colon);
            }
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                return Optional.empty();
            }
            target = text.substring(1, close) + prefix;
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            // One colon: a name or IPv4 address with a port. Two or more: an IPv6 address, which has no port here.
            int colon = text.indexOf(':');
            target = text.substring(0, colon);
            portText = text.substring(colon + 1);
        }
        int port = ANY_PORT;
        if (portText != null) {
            port = parsePort(portText);
            if (port == ANY_PORT) {
                return Optional.empty();
            }
        }

        int slash = target.indexOf('/');
        if (slash >= 0) {
            byte[] network = ipLiteral(target.substring(0, slash));
            int bits = parseBits(target.substring(slash + 1));
            if (network == null || bits < 0 || bits > network.length * 8) {
                return Optional.empty();
            }
            return Optional.of(new AddressEntry(network, bits, port));
        }
        byte[] address = ipLiteral(target);
        if (address != null) {
            return Optional.of(new AddressEntry(address, address.length * 8, port));
        }
        String domain = withoutTrailingDot(target);
        if (domain.startsWith(".")) {
            domain = domain.substring(1);
        }
        return domain.isEmpty() ? Optional.empty() : Optional.of(new DomainEntry(domain, port));
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** The port, or {@link #ANY_PORT} when the text is not one. */
    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return ANY_PORT;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65_535 ? port : ANY_PORT;
    }

    /** The prefix length, or -1 when the text is not one. */
    private static int parseBits(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    /** The address's bytes when the text is an IPv4 or IPv6 literal; null for anything else, names included. */
    private static byte[] ipLiteral(String text) {
        if (text.indexOf(':') < 0) {
            return ipv4Literal(text);
        }
        // Only hex digits, colons and dots (an IPv4 tail): InetAddress then parses a literal and never asks DNS,
        // since a text with a colon that is no IPv6 literal is refused at once. Zone ids (%eth0) are not taken.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.';
            if (!allowed) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Four decimal numbers from 0 to 255 with dots between them, and nothing else. */
    private static byte[] ipv4Literal(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            address[i] = (byte) value;
        }
        return address;
    }
}

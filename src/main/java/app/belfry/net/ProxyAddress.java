package app.belfry.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP proxy: where it listens, and the user name and password it may ask for. Written
 * {@code http://[user:password@]host[:port]}, or {@code [user:password@]host[:port]} without a scheme as curl
 * accepts it; the port defaults to 80.
 *
 * <p>{@link #toString()} masks the password, so that an address can go into a log or a message as it is.
 */
public record ProxyAddress(String host, int port, Optional<String> user, Optional<String> password) {

    private static final int DEFAULT_PORT = 80;
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{0,15}");
    private static final String SUPPORTED = "Belfry supports http:// proxies (or host:port without a scheme)";

    public ProxyAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (host.isBlank()) {
            throw new IllegalArgumentException("The proxy address has no host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("The proxy port must be between 1 and 65535, not " + port);
        }
        if (password.isPresent() && user.isEmpty()) {
            throw new IllegalArgumentException("The proxy password is given without a user name");
        }
        if (user.isPresent() && user.get().contains(":")) {
            // Basic authentication cannot carry it: the first ':' separates the user name from the password.
            throw new IllegalArgumentException("The proxy user name cannot contain ':'");
        }
    }

    public ProxyAddress(String host, int port) {
        this(host, port, Optional.empty(), Optional.empty());
    }

    /**
     * Reads a proxy setting such as {@code http_proxy}'s value. The user name and password are percent-decoded
     * ({@code p%40ss} is {@code p@ss}). Error messages never quote the user name or password.
     *
     * @throws IllegalArgumentException when the text is not an http proxy address
     */
    public static ProxyAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String rest = text.strip();
        int schemeEnd = rest.indexOf("://");
        // Only a scheme's characters: a "://" inside a password (user:pa://ss@host) is no scheme, and is never quoted.
        if (schemeEnd > 0 && SCHEME.matcher(rest.substring(0, schemeEnd)).matches()) {
            String scheme = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http")) {
                throw new IllegalArgumentException(
                        "The proxy address uses " + scheme + "://, which Belfry does not support: " + SUPPORTED);
            }
            rest = rest.substring(schemeEnd + 3);
        }

        // The last '@' ends the user name and password, whatever they contain; nothing before it is ever quoted.
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = Optional.of(percentDecode(rawUser, "user name"));
            if (colon >= 0) {
                password = Optional.of(percentDecode(userInfo.substring(colon + 1), "password"));
            }
            if (user.get().isEmpty()) {
                throw new IllegalArgumentException("The proxy address has an '@' but no user name before it");
            }
        }

        int slash = rest.indexOf('/');
        if (slash >= 0) {
            if (!rest.substring(slash).equals("/")) {
                // A path means something else was pasted, typically a proxy auto-configuration (PAC) file's URL.
                throw new IllegalArgumentException("The proxy address has a path (" + rest.substring(slash)
                        + "): give the proxy as http://host:port, not the address of a configuration file");
            }
            rest = rest.substring(0, slash);
        }

        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("The proxy address has a '[' without its ']': " + rest);
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("The proxy address is not host:port: " + rest);
            }
        } else {
            int colon = rest.indexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            portText = colon < 0 ? null : rest.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("The proxy address has no host");
        }
        if (!host.chars().allMatch(ProxyAddress::isHostCharacter)) {
            throw new IllegalArgumentException("The proxy host is not a host name or address: " + host);
        }
        int port = portText == null ? DEFAULT_PORT : parsePort(portText);
        return new ProxyAddress(host, port, user, password);
    }

    /** The {@code Proxy-Authorization} header's value, {@code Basic base64(user:password)}, when a user is set. */
    public Optional<String> basicAuthorization() {
        return user.map(name -> {
            byte[] pair = (name + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8);
            return "Basic " + Base64.getEncoder().encodeToString(pair);
        });
    }

    /** {@code host:port}, with an IPv6 address in brackets: the form messages use. */
    public String hostAndPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code http://user:***@host:port}: never the password. */
    @Override
    public String toString() {
        String userInfo = user.map(name -> name + (password.isPresent() ? ":***" : "") + "@").orElse("");
        return "http://" + userInfo + hostAndPort();
    }

    private static int parsePort(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("The proxy address has a ':' but no port after it");
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("The proxy port is not a number: " + text);
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("The proxy port must be between 1 and 65535, not " + port);
        }
        return port;
    }

    /** Letters, digits, '.', '-', '_' (some internal names have one), and ':' for IPv6 inside brackets. */
    private static boolean isHostCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '_' || c == ':';
    }

    /** RFC 3986 percent-decoding as UTF-8; unlike URLDecoder, '+' stays a '+'. */
    private static String percentDecode(String text, String what) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int percent = text.indexOf('%', i);
            int end = percent < 0 ? text.length() : percent;
            bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int high = percent + 1 < text.length() ? hexValue(text.charAt(percent + 1)) : -1;
            int low = percent + 2 < text.length() ? hexValue(text.charAt(percent + 2)) : -1;
            if (high < 0 || low < 0) {
                // Not quoted: it is the user name or the password.
                throw new IllegalArgumentException("The proxy " + what
                        + " has a '%' that is not followed by two hexadecimal digits (write %25 for %)");
            }
            bytes.write(high * 16 + low);
            i = percent + 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}

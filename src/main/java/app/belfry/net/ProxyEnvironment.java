package app.belfry.net;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which proxy, if any, the environment asks for to reach a server, the way curl reads the same variables:
 * <ul>
 *   <li>{@code https} servers: {@code https_proxy}, then {@code HTTPS_PROXY};</li>
 *   <li>{@code http} servers: {@code http_proxy}, then {@code HTTP_PROXY};</li>
 *   <li>then, for both, {@code all_proxy}, then {@code ALL_PROXY};</li>
 *   <li>unless the host is in {@code no_proxy}, or else {@code NO_PROXY} (see {@link NoProxy}).</li>
 * </ul>
 * The lowercase name wins over the uppercase one, and an empty value counts as unset (so {@code https_proxy=}
 * does not hide {@code HTTPS_PROXY}). Unlike curl, which leaves {@code HTTP_PROXY} out for the sake of CGI
 * programs (where a request's {@code Proxy:} header arrives as that variable), Belfry reads it: it is no CGI program.
 *
 * <p>The environment is the map given, never the process's own: the launcher passes that, a test its own.
 */
public final class ProxyEnvironment {

    private final Map<String, String> environment;

    public ProxyEnvironment(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * The proxy to reach this server through; empty to go direct.
     *
     * @param server an {@code http} or {@code https} URI with a host
     * @throws IllegalArgumentException when the variable that applies is not an http proxy address; the message
     *     names the variable and never quotes a password
     */
    public Optional<ProxyAddress> proxyFor(URI server) {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Not an http or https server: " + scheme + "://…");
        }
        if (server.getHost() == null) {
            throw new IllegalArgumentException("The server's address has no host");
        }
        int port = server.getPort() > 0 ? server.getPort() : scheme.equals("https") ? 443 : 80;
        if (noProxy().bypasses(server.getHost(), port)) {
            return Optional.empty();
        }
        String name = firstSet(scheme + "_proxy", scheme.toUpperCase(Locale.ROOT) + "_PROXY", "all_proxy",
                "ALL_PROXY");
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProxyAddress.parse(environment.get(name)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The environment variable " + name + " is not a usable proxy: "
                    + e.getMessage(), e);
        }
    }

    /** The {@code no_proxy} list, or else {@code NO_PROXY}'s. */
    public NoProxy noProxy() {
        String name = firstSet("no_proxy", "NO_PROXY");
        return name == null ? NoProxy.NONE : NoProxy.parse(environment.get(name));
    }

    /** The first of these variables with a value that is not blank; null when none has one. */
    private String firstSet(String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return name;
            }
        }
        return null;
    }
}

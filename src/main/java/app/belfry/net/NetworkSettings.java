package app.belfry.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * How Belfry reaches a server besides its URL: which certificate authorities it trusts beyond the runtime's and the
 * system's, and through which proxy. One value serves the socket and the sign-in alike, so both take the same way.
 *
 * <p>The proxy, in this order: {@code --proxy none} goes direct; a host in {@code NO_PROXY} goes direct; then
 * {@code --proxy URL}; then the environment's {@code https_proxy}/{@code http_proxy}/{@code all_proxy} (as curl
 * reads them, {@link ProxyEnvironment}); then the system's settings (Windows, macOS, GNOME, read by the Java runtime
 * when {@code java.net.useSystemProxies} is on, as the launcher sets it); else direct.
 *
 * <p>Through an HTTP proxy every connection, WebSocket and polling, to an http or https server, is an HTTP
 * {@code CONNECT} tunnel opened by {@link ProxyTunnel}, and the proxy resolves the server's name: OkHttp tunnels only
 * for TLS, and a proxy drops a plain WebSocket upgrade sent to it without one.
 *
 * @param caFile a PEM file of certificate authorities to trust as well, or null
 * @param proxy null for the system's settings, {@code none} for direct, or {@code http://[user:password@]host:port}
 * @param environment the environment's proxy variables (and nothing else of it)
 */
public record NetworkSettings(Path caFile, String proxy, Map<String, String> environment) {

    /** The variables of the environment that this reads; a launcher passes only these. */
    public static final Set<String> VARIABLES = Set.of("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY",
            "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY");

    /** The runtime's and the system's authorities, the system's proxy settings. */
    public static final NetworkSettings DEFAULTS = new NetworkSettings(null, null, Map.of());

    /** Where a connection to one server goes. */
    sealed interface Route {
        record Direct() implements Route {
        }

        record Http(ProxyAddress proxy) implements Route {
        }

        /** A SOCKS proxy of the system's settings, which OkHttp speaks itself. */
        record Socks(Proxy proxy) implements Route {
        }
    }

    public NetworkSettings {
        environment = environment.entrySet().stream().filter(e -> VARIABLES.contains(e.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        if (proxy != null && !isNone(proxy)) {
            ProxyAddress.parse(proxy); // says what is wrong with it, now rather than at the first connection
        }
    }

    /** The proxy passwords given (in {@code --proxy} and the variables), for the log's redactor to mask. */
    public List<String> secrets() {
        List<String> values = new java.util.ArrayList<>(environment.values());
        if (proxy != null) {
            values.add(proxy);
        }
        List<String> secrets = new java.util.ArrayList<>();
        for (String value : values) {
            try {
                ProxyAddress.parse(value).password().ifPresent(secrets::add);
            } catch (IllegalArgumentException e) {
                // not a proxy URL (a NO_PROXY list, or a malformed value that is reported where it is used)
            }
        }
        return secrets;
    }

    /** The same, with {@code file} as the CA file (null: none). */
    public NetworkSettings withCaFile(Path file) {
        return new NetworkSettings(file, proxy, environment);
    }

    /** The proxy that a connection to {@code server} goes through, or direct. */
    Route route(URI server) {
        if (proxy != null && isNone(proxy)) {
            return new Route.Direct();
        }
        int port = server.getPort() != -1 ? server.getPort() : "https".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
        ProxyEnvironment variables = new ProxyEnvironment(environment);
        if (variables.noProxy().bypasses(server.getHost(), port)) {
            return new Route.Direct();
        }
        if (proxy != null) {
            return new Route.Http(ProxyAddress.parse(proxy));
        }
        Optional<ProxyAddress> fromEnvironment = variables.proxyFor(server);
        if (fromEnvironment.isPresent()) {
            return new Route.Http(fromEnvironment.get());
        }
        List<Proxy> system = ProxySelector.getDefault().select(server);
        for (Proxy candidate : system == null ? List.<Proxy>of() : system) {
            if (candidate.type() == Proxy.Type.HTTP && candidate.address() instanceof InetSocketAddress address) {
                return new Route.Http(new ProxyAddress(address.getHostString(), address.getPort()));
            }
            if (candidate.type() == Proxy.Type.SOCKS) {
                return new Route.Socks(candidate);
            }
        }
        return new Route.Direct();
    }

    /**
     * Sets up OkHttp for {@code server}: TLS with the trusted authorities (host names verified, as OkHttp always
     * does), or no TLS at all for a plain-http server, and the way through the proxy.
     *
     * @throws IllegalArgumentException with a message fit to show when the CA file cannot be used
     */
    OkHttpClient.Builder configure(OkHttpClient.Builder builder, URI server) {
        if ("https".equalsIgnoreCase(server.getScheme())) {
            TrustedCertificates.Trust trust = TrustedCertificates.trust(caFile);
            builder.sslSocketFactory(trust.context().getSocketFactory(), trust.trustManager());
        } else {
            // No TLS to a plain-HTTP server: OkHttp would otherwise load the runtime's trust store at construction
            // (a few hundred classes and every CA certificate, for nothing).
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        Route route = route(server);
        if (route instanceof Route.Http http) {
            String host = server.getHost().toLowerCase(Locale.ROOT);
            builder.proxy(Proxy.NO_PROXY).socketFactory(new ProxyTunnel(http.proxy()))
                    .dns(name -> name.equalsIgnoreCase(host) ? List.of(unresolved(name)) : Dns.SYSTEM.lookup(name));
        } else if (route instanceof Route.Socks socks) {
            builder.proxy(socks.proxy());
        } else {
            builder.proxy(Proxy.NO_PROXY);
        }
        return builder;
    }

    /** An address that only carries the name: the proxy resolves it, at the other end of the tunnel. */
    private static InetAddress unresolved(String name) throws UnknownHostException {
        return InetAddress.getByAddress(name, new byte[4]);
    }

    private static boolean isNone(String value) {
        return "none".equalsIgnoreCase(value.strip()) || "direct".equalsIgnoreCase(value.strip());
    }

    @Override
    public String toString() {
        return "NetworkSettings[caFile=" + caFile + ", proxy=" + (proxy == null ? "system"
                : isNone(proxy) ? "none" : ProxyAddress.parse(proxy)) + "]"; // the address masks its password
    }
}

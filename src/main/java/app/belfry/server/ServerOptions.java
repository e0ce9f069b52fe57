package app.belfry.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ReferenceServer} runs. The same options come from the command line ({@link #parse}) or from code
 * (the {@code with…} methods), so an embedded server and a standalone one behave alike. {@code adminToken} null
 * means a random one; {@code tls} null means plain HTTP and WS.
 */
public record ServerOptions(String host, int port, List<UserAccount> users, String adminToken,
        int rateLimitPerMinute, long rateWindowMillis, boolean batchEnabled, List<String> corsOrigins,
        int demoFeedSeconds, Tls tls) {

    /** The PEM files of the server's certificate (chain) and private key; read when the server starts. */
    public record Tls(Path certificate, Path key) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }
    }

    /** The user that exists when none is given: the embedded demo signs in as it. */
    public static final UserAccount DEMO_USER = new UserAccount("demo@belfry.app", "belfry-demo");

    public static final String USAGE = """
            Usage: java -cp belfry.jar app.belfry.server.ReferenceServer [options]
              --host HOST            address to listen on (default 127.0.0.1)
              --port PORT            port, 0 for a free one (default 3000)
              --user EMAIL:PASSWORD  a user who may sign in; repeatable (default demo@belfry.app:belfry-demo)
              --admin-token TOKEN    bearer token for POST /api/notifications (default: random, printed at start)
              --rate-limit N         client events per connection per rolling minute (default 100)
              --rate-window-ms MS    the rate limit's window, for tests (default 60000)
              --no-batch             act as a backend without the mark:read:batch extension
              --cors-origins LIST    comma-separated browser origins allowed, * for any (default http://localhost:3001)
              --demo-feed SECONDS    every SECONDS, a realistic notification for every user (default off)
              --tls-cert PEM         serve HTTPS and WSS with this certificate (the server's first, then any
                                     intermediates); needs --tls-key
              --tls-key PEM          the certificate's private key, unencrypted: PKCS#8, PKCS#1 (RSA) or SEC1 (EC)
              --help                 this text
            """;

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        users = List.copyOf(users);
        if (users.isEmpty()) {
            throw new IllegalArgumentException("at least one user is needed");
        }
        if (users.stream().map(u -> u.email().toLowerCase()).distinct().count() != users.size()) {
            throw new IllegalArgumentException("the same email is given twice");
        }
        if (rateLimitPerMinute < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1 event a minute");
        }
        if (rateWindowMillis < 1) {
            throw new IllegalArgumentException("rate window must be at least 1 ms");
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (demoFeedSeconds < 0) {
            throw new IllegalArgumentException("demo feed interval must be 0 (off) or more seconds");
        }
        // adminToken may be null: the server then makes a random one.
    }

    /**
     * 127.0.0.1 on a free port, the demo user, a random admin token, 100 events a minute, batch on, no feed, plain
     * HTTP.
     */
    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 0, List.of(DEMO_USER), null, 100, 60_000, true,
                List.of("http://localhost:3001"), 0, null);
    }

    public ServerOptions withHost(String value) {
        return new ServerOptions(value, port, users, adminToken, rateLimitPerMinute, rateWindowMillis, batchEnabled, corsOrigins,
                demoFeedSeconds, tls);
    }

    public ServerOptions withPort(int value) {
        return new ServerOptions(host, value, users, adminToken, rateLimitPerMinute, rateWindowMillis, batchEnabled, corsOrigins,
                demoFeedSeconds, tls);
    }

    public ServerOptions withUsers(List<UserAccount> value) {
        return new ServerOptions(host, port, value, adminToken, rateLimitPerMinute, rateWindowMillis, batchEnabled, corsOrigins,
                demoFeedSeconds, tls);
    }

    public ServerOptions withAdminToken(String value) {
        return new ServerOptions(host, port, users, value, rateLimitPerMinute, rateWindowMillis, batchEnabled, corsOrigins,
                demoFeedSeconds, tls);
    }

    public ServerOptions withRateLimit(int perMinute) {
        return new ServerOptions(host, port, users, adminToken, perMinute, rateWindowMillis, batchEnabled, corsOrigins,
                demoFeedSeconds, tls);
    }

    /** The rate limit's rolling window; a minute unless a test wants it shorter. */
    public ServerOptions withRateWindow(long millis) {
        return new ServerOptions(host, port, users, adminToken, rateLimitPerMinute, millis, batchEnabled, corsOrigins,
                demoFeedSeconds, tls);
    }

    public ServerOptions withBatch(boolean enabled) {
        return new ServerOptions(host, port, users, adminToken, rateLimitPerMinute, rateWindowMillis, enabled, corsOrigins,
                demoFeedSeconds, tls);
    }

    public ServerOptions withCorsOrigins(List<String> origins) {
        return new ServerOptions(host, port, users, adminToken, rateLimitPerMinute, rateWindowMillis, batchEnabled, origins,
                demoFeedSeconds, tls);
    }

    public ServerOptions withDemoFeed(int seconds) {
        return new ServerOptions(host, port, users, adminToken, rateLimitPerMinute, rateWindowMillis, batchEnabled, corsOrigins,
                seconds, tls);
    }

    /** HTTPS and WSS instead of HTTP and WS, with a certificate (chain) and its private key from PEM files. */
    public ServerOptions withTls(Path certificate, Path key) {
        return new ServerOptions(host, port, users, adminToken, rateLimitPerMinute, rateWindowMillis, batchEnabled, corsOrigins,
                demoFeedSeconds, new Tls(certificate, key));
    }

    /** True when a browser page from {@code origin} may call this server. */
    public boolean allowsOrigin(String origin) {
        return corsOrigins.contains("*") || corsOrigins.contains(origin);
    }

    /**
     * Reads the command line. Throws {@link IllegalArgumentException} with a message fit for the user on anything
     * it does not understand; {@code --help} is the caller's to handle.
     */
    public static ServerOptions parse(String... args) {
        ServerOptions options = defaults().withPort(3000);
        List<UserAccount> users = new ArrayList<>();
        Path tlsCertificate = null;
        Path tlsKey = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--host" -> options = options.withHost(value(args, ++i, arg));
                case "--port" -> options = options.withPort(intValue(args, ++i, arg));
                case "--user" -> users.add(UserAccount.parse(value(args, ++i, arg)));
                case "--admin-token" -> options = options.withAdminToken(value(args, ++i, arg));
                case "--rate-limit" -> options = options.withRateLimit(intValue(args, ++i, arg));
                case "--rate-window-ms" -> options = options.withRateWindow(intValue(args, ++i, arg));
                case "--no-batch" -> options = options.withBatch(false);
                case "--cors-origins" -> options = options.withCorsOrigins(Arrays.stream(value(args, ++i, arg)
                        .split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
                case "--demo-feed" -> options = options.withDemoFeed(intValue(args, ++i, arg));
                case "--tls-cert" -> tlsCertificate = Path.of(value(args, ++i, arg));
                case "--tls-key" -> tlsKey = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        if (tlsCertificate != null && tlsKey != null) {
            options = options.withTls(tlsCertificate, tlsKey);
        } else if (tlsCertificate != null) {
            throw new IllegalArgumentException("--tls-cert needs --tls-key too");
        } else if (tlsKey != null) {
            throw new IllegalArgumentException("--tls-key needs --tls-cert too");
        }
        return users.isEmpty() ? options : options.withUsers(users);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String[] args, int i, String option) {
        String text = value(args, i, option);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return "ServerOptions[host=" + host + ", port=" + port + ", users=" + users + ", rateLimitPerMinute="
                + rateLimitPerMinute + ", rateWindowMillis=" + rateWindowMillis + ", batchEnabled=" + batchEnabled + ", corsOrigins=" + corsOrigins
                + ", demoFeedSeconds=" + demoFeedSeconds + ", tls=" + (tls != null ? tls : "off") + "]"; // never the admin token
    }
}

package app.belfry.net;

import app.belfry.i18n.Texts;
import app.belfry.net.ProxyException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;

/**
 * Sockets that reach their server through an HTTP proxy's {@code CONNECT} tunnel. Connecting one to a server
 * connects it to the proxy instead, asks for {@code CONNECT host:port}, and returns once the proxy says yes: from
 * then on the socket carries the server's bytes (plain HTTP, WebSocket, or TLS that the caller layers on top).
 *
 * <p>Every proxied connection goes through here, plain {@code http} ones too: OkHttp tunnels only for TLS, and
 * forward proxies drop a WebSocket upgrade sent to them as an ordinary request. OkHttp is then told "no proxy".
 *
 * <p>The server's name goes to the proxy as given ({@link InetSocketAddress#getHostString()}), and the proxy
 * resolves it: company networks often cannot resolve outside names themselves. So the caller's DNS may hand out a
 * placeholder address for a proxied host; only its name is used. The proxy's own name is resolved here.
 *
 * <p>Credentials go with the first request (preemptive Basic authentication): a proxy that wants them would only
 * answer 407 and close, costing a second connection.
 */
public final class ProxyTunnel extends SocketFactory {

    private static final System.Logger LOG = System.getLogger(ProxyTunnel.class.getName());
    /** Longer than any sensible proxy answer: a bound for whatever else might be talking. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d (\\d{3})(?: (.*))?");

    private final ProxyAddress proxy;

    public ProxyTunnel(ProxyAddress proxy) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
    }

    public ProxyAddress proxy() {
        return proxy;
    }

    /** An unconnected socket, as OkHttp asks for: it opens the tunnel on {@link Socket#connect(SocketAddress, int)}. */
    @Override
    public Socket createSocket() {
        return new TunnelSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(InetSocketAddress.createUnresolved(host, port)); // the proxy resolves it
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(InetSocketAddress.createUnresolved(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    @Override
    public String toString() {
        return "ProxyTunnel[" + proxy + "]";
    }

    /** A socket whose connect opens the tunnel; everything else is a plain socket's, connected to the proxy. */
    private final class TunnelSocket extends Socket {

        @Override
        public void connect(SocketAddress endpoint, int timeoutMillis) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target)) {
                throw new IllegalArgumentException("Not an internet address: " + endpoint);
            }
            if (timeoutMillis < 0) {
                throw new IllegalArgumentException("A negative timeout: " + timeoutMillis);
            }
            String authority = authority(target);
            // One budget for the whole connect, as a caller of connect(target, timeout) expects.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            try {
                connectToProxy(timeoutMillis);
                openTunnel(authority, timeoutMillis, deadline);
            } catch (IOException | RuntimeException e) {
                closeQuietly();
                throw e;
            }
            LOG.log(Level.DEBUG, "Tunnel to {0} through {1}", authority, proxy);
        }

        private void connectToProxy(int timeoutMillis) throws ProxyException {
            InetSocketAddress address = new InetSocketAddress(proxy.host(), proxy.port());
            if (address.isUnresolved()) {
                throw new ProxyException(Kind.UNREACHABLE, 0,
                        Texts.format("proxy.unknownHost", proxy.hostAndPort()));
            }
            try {
                super.connect(address, timeoutMillis);
            } catch (IOException e) {
                throw new ProxyException(Kind.UNREACHABLE, 0,
                        Texts.format("proxy.unreachable", proxy.hostAndPort(), reason(e)), e);
            }
        }

        /** Sends the CONNECT request and reads the answer up to its blank line, within what is left of the timeout. */
        private void openTunnel(String authority, int timeoutMillis, long deadline) throws IOException {
            int previousTimeout = getSoTimeout();
            try {
                OutputStream out = getOutputStream();
                out.write(request(authority).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                check(readAnswer(getInputStream(), timeoutMillis == 0 ? 0 : deadline), authority);
            } catch (SocketTimeoutException e) {
                int waited = timeoutMillis != 0 ? timeoutMillis : previousTimeout;
                throw new ProxyException(Kind.UNREACHABLE, 0,
                        Texts.format("proxy.noAnswer", proxy.hostAndPort(), duration(waited)), e);
            } catch (ProxyException e) {
                throw e;
            } catch (IOException e) {
                throw new ProxyException(Kind.BAD_ANSWER, 0,
                        Texts.format("proxy.closed", proxy.hostAndPort(), reason(e)),
                        e);
            }
            setSoTimeout(previousTimeout);
        }

        /**
         * Reads one byte at a time, never past the blank line: what follows belongs to the server.
         *
         * @param deadline {@link System#nanoTime()} by which the answer must be complete; 0 for none
         */
        private Answer readAnswer(InputStream in, long deadline) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            Answer answer = null;
            int total = 0;
            while (true) {
                if (deadline != 0) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new SocketTimeoutException("CONNECT answer timed out");
                    }
                    setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                }
                int b = in.read();
                if (b < 0) {
                    if (answer == null && line.size() > 0 && !line.toString(StandardCharsets.ISO_8859_1)
                            .startsWith("HTTP/")) {
                        throw notHttp(line);
                    }
                    throw new ProxyException(Kind.BAD_ANSWER, answer == null ? 0 : answer.status, Texts.format(
                            total == 0 ? "proxy.closedSilently" : "proxy.closedMidAnswer", proxy.hostAndPort()));
                }
                if (++total > MAX_ANSWER_BYTES) {
                    throw notHttp(line);
                }
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.ISO_8859_1);
                text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                line.reset();
                if (answer == null) {
                    answer = statusLine(text); // checked before the headers: something else may never send a blank line
                } else if (text.isEmpty()) {
                    return answer;
                } else {
                    answer.header(text);
                }
            }
        }

        private Answer statusLine(String text) throws ProxyException {
            Matcher matcher = STATUS_LINE.matcher(text);
            if (!matcher.matches()) {
                throw notHttp(text);
            }
            return new Answer(Integer.parseInt(matcher.group(1)), matcher.group(2) == null ? "" : matcher.group(2));
        }

        private ProxyException notHttp(ByteArrayOutputStream partial) {
            return notHttp(partial.toString(StandardCharsets.ISO_8859_1));
        }

        private ProxyException notHttp(String said) {
            return new ProxyException(Kind.BAD_ANSWER, 0, Texts.format("proxy.notHttp", proxy.hostAndPort(),
                    printable(said, 40)));
        }

        private void check(Answer answer, String authority) throws ProxyException {
            int status = answer.status;
            if (status >= 200 && status < 300) {
                return;
            }
            // 401 as well: before the tunnel is open only the proxy can answer, and tinyproxy answers wrong
            // credentials with 401 (and none with 407).
            if (status == 407 || status == 401) {
                String schemes = answer.unsupportedSchemes();
                String hint = schemes.isEmpty() ? "" : " " + Texts.format("proxy.schemesHint", schemes);
                if (proxy.user().isPresent()) {
                    throw new ProxyException(Kind.AUTH_REFUSED, status,
                            Texts.format("proxy.credentialsRefused", proxy.hostAndPort()) + hint);
                }
                throw new ProxyException(Kind.AUTH_REQUIRED, status,
                        Texts.format("proxy.credentialsNeeded", proxy.hostAndPort()) + hint);
            }
            String reason = printable(answer.reason, 80);
            throw new ProxyException(Kind.REFUSED, status, Texts.format("proxy.refused", proxy.hostAndPort(), authority,
                    reason.isEmpty() ? Integer.toString(status) : status + " " + reason));
        }

        /** Proxy-sent text made fit for a message: never the password, printable ASCII, cut short. */
        private String printable(String text, int max) {
            String redacted = text;
            String password = proxy.password().orElse("");
            if (!password.isEmpty()) {
                // Before cutting, so that no part of it survives; as read (bytes as ISO-8859-1) and as written.
                String asRead = new String(password.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                redacted = redacted.replace(asRead, "***").replace(password, "***");
            }
            StringBuilder shown = new StringBuilder();
            for (int i = 0; i < redacted.length() && shown.length() < max; i++) {
                char c = redacted.charAt(i);
                shown.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
            return shown.toString().strip();
        }

        private String request(String authority) {
            StringBuilder request = new StringBuilder()
                    .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(authority).append("\r\n");
            proxy.basicAuthorization()
                    .ifPresent(value -> request.append("Proxy-Authorization: ").append(value).append("\r\n"));
            return request.append("\r\n").toString();
        }

        private void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** The status line and the authentication schemes of a proxy's answer. */
    private static final class Answer {
        final int status;
        final String reason;
        final List<String> schemes = new ArrayList<>();

        Answer(int status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        void header(String line) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                return;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (name.equals("proxy-authenticate") || name.equals("www-authenticate")) {
                String value = line.substring(colon + 1).strip();
                int space = value.indexOf(' ');
                schemes.add(space < 0 ? value : value.substring(0, space));
            }
        }

        /** The schemes the proxy offers when Basic is not one of them; empty when it is, or when it names none. */
        String unsupportedSchemes() {
            boolean basic = schemes.stream().anyMatch(scheme -> scheme.equalsIgnoreCase("Basic"));
            return basic ? "" : String.join(", ", schemes);
        }
    }

    /** {@code host:port} for the request line, with an IPv6 address in brackets. */
    private static String authority(InetSocketAddress target) {
        String host = target.getHostString();
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '/' || c == '@') {
                throw new IllegalArgumentException("Not a host name: " + host); // would corrupt the request
            }
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + target.getPort();
    }

    private static String reason(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String duration(int millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}

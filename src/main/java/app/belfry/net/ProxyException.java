package app.belfry.net;

import java.io.IOException;
import java.util.Objects;

/**
 * The proxy did not open a tunnel to the server. The message is fit to show the user: it names the proxy and says
 * what went wrong, and never contains the proxy's password. {@link #kind()} says what the user can do about it.
 */
public final class ProxyException extends IOException {

    /** What went wrong, from the user's side. */
    public enum Kind {
        /** The proxy could not be reached, or did not answer in time: check the setting, or try again later. */
        UNREACHABLE,
        /** The proxy wants a user name and password and none was given. */
        AUTH_REQUIRED,
        /** The proxy turned down the user name and password given. */
        AUTH_REFUSED,
        /** The proxy answered, but will not connect to this server (its rules, or the server is down). */
        REFUSED,
        /** Something answered that is not an HTTP proxy, or the proxy hung up without an answer. */
        BAD_ANSWER
    }

    private final Kind kind;
    private final int status;

    public ProxyException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
    }

    public ProxyException(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status the proxy answered, or 0 when it gave none. */
    public int status() {
        return status;
    }
}

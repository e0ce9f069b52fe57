package app.belfry.net;

/** Signing in or out failed; the message is fit to show the user (the server's own, where it gave one). */
public final class AuthException extends Exception {

    private final int status;
    private final String code;

    public AuthException(String message, int status) {
        super(message);
        this.status = status;
        this.code = null;
    }

    public AuthException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** The server was not reached for a reason with a code ({@code TLS}, {@code PROXY}). */
    public AuthException(String message, String code, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = code;
    }

    /** Why the server was not reached, when it is a certificate's ({@code TLS}) or a proxy's ({@code PROXY}); or null. */
    public String code() {
        return code;
    }

    /** The HTTP status, or 0 when the server was not reached. */
    public int status() {
        return status;
    }

    /** True when the server said the credentials are wrong, rather than failing some other way. */
    public boolean credentialsRefused() {
        return status == 401 || status == 403;
    }
}

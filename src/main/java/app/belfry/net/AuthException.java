package app.belfry.net;

/** Signing in or out failed; the message is fit to show the user (the server's own, where it gave one). */
public final class AuthException extends Exception {

    private final int status;

    public AuthException(String message, int status) {
        super(message);
        this.status = status;
    }

    public AuthException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
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

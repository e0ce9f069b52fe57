package app.belfry.model;

/** The error codes and the two refusal messages of the contract. */
public final class ErrorCodes {

    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String BAD_REQUEST = "BAD_REQUEST";

    /** Belfry's own, never the server's: the server's certificate is not trusted, not for its host, or expired. */
    public static final String TLS = "TLS";
    /** Belfry's own: the proxy cannot be reached, or refuses (its credentials, or the server's address). */
    public static final String PROXY = "PROXY";

    /** {@code connect_error} message when the handshake carries no credentials. */
    public static final String AUTHENTICATION_REQUIRED_MESSAGE = "Authentication required";
    /** {@code connect_error} message when the credentials are bad or expired. */
    public static final String INVALID_SESSION_MESSAGE = "Invalid session";

    private ErrorCodes() {
    }
}

package app.belfry.model;

import java.util.Optional;

/**
 * The payload of the server's {@code error} event, {@code {message, code?}}; also how Belfry reports a failed
 * connection. {@code code} is one of {@link ErrorCodes} or another string a backend chose, or null.
 */
public record SocketError(String message, String code) {

    public SocketError {
        message = message == null ? "" : message;
    }

    public Optional<String> optionalCode() {
        return Optional.ofNullable(code);
    }

    /**
     * True for Belfry's own codes of a failure that trying again will not fix, a certificate's ({@code TLS}) or a
     * proxy's ({@code PROXY}): it is said, and Retry offered, instead of retrying.
     */
    public boolean retryWillNotFix() {
        return ErrorCodes.TLS.equals(code) || ErrorCodes.PROXY.equals(code);
    }

    /** True when this error means that the session is missing, expired or revoked. */
    public boolean isUnauthorized() {
        return ErrorCodes.UNAUTHORIZED.equals(code)
                || ErrorCodes.AUTHENTICATION_REQUIRED_MESSAGE.equals(message)
                || ErrorCodes.INVALID_SESSION_MESSAGE.equals(message);
    }
}

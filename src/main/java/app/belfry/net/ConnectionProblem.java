package app.belfry.net;

import app.belfry.i18n.Texts;
import app.belfry.model.ErrorCodes;
import app.belfry.model.SocketError;
import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Failures that will not fix themselves by trying again, said in words a user understands: a server certificate
 * that is not trusted, not for this host or out of date ({@link ErrorCodes#TLS}), and a proxy that cannot be reached
 * or refuses ({@link ErrorCodes#PROXY}). Belfry shows them and offers Retry instead of retrying in a loop.
 */
public final class ConnectionProblem {

    private ConnectionProblem() {
    }

    /** What went wrong, when {@code failure} (or a cause of it) is a certificate's or a proxy's problem. */
    public static Optional<SocketError> of(Throwable failure, URI server) {
        String host = server == null ? Texts.text("tls.theServer") : server.getHost();
        SSLException tls = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProxyException proxy) {
                return Optional.of(new SocketError(proxy.getMessage(), ErrorCodes.PROXY));
            }
            if (t instanceof CertificateExpiredException) {
                return tls(Texts.format("tls.expired", host));
            }
            if (t instanceof CertificateNotYetValidException) {
                return tls(Texts.format("tls.notYetValid", host));
            }
            if (t instanceof SSLPeerUnverifiedException) {
                return tls(Texts.format("tls.otherHost", host));
            }
            if (t instanceof CertPathBuilderException) {
                return tls(notTrusted(host));
            }
            if (t instanceof CertPathValidatorException validator) {
                return tls(validator.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                        ? Texts.format("tls.chainExpired", host)
                        : validator.getReason() == CertPathValidatorException.BasicReason.REVOKED
                                ? Texts.format("tls.revoked", host)
                                : notTrusted(host));
            }
            if (t instanceof SSLException ssl && tls == null) {
                tls = ssl;
            }
        }
        if (tls != null) {
            String message = tls.getMessage() == null ? "" : tls.getMessage();
            if (message.contains("unable to find valid certification path")) { // not shown: the JDK's words
                return tls(notTrusted(host));
            }
            return tls(Texts.format("tls.failed", host, message));
        }
        return Optional.empty();
    }

    private static String notTrusted(String host) {
        return Texts.format("tls.notTrusted", host);
    }

    private static Optional<SocketError> tls(String message) {
        return Optional.of(new SocketError(message, ErrorCodes.TLS));
    }
}

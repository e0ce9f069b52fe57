package app.belfry.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Who a session is for: one user on one server. What Belfry keeps of a session (its history, the reads it could not
 * deliver yet) belongs to its account, in a folder of the account's own, and is shown or sent only in a session of
 * the same account.
 *
 * @param server the server's URL, as {@code ConnectionOptions} normalizes it
 * @param identity who on that server: {@code user:ID} when the sign-in said so, else {@code email:ADDRESS}, or
 *     {@code token:FINGERPRINT} for a bearer token (a token does not say whose it is; a new token for the same user
 *     is a new account, which errs on the side of never showing one user's notifications to another)
 */
public record Account(String server, String identity) {

    public Account {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(identity, "identity");
    }

    /** A user the server named at sign-in, or the email signed in with when it named none. */
    public static Account ofUser(String server, String userId, String email) {
        if (userId != null && !userId.isBlank()) {
            return new Account(server, "user:" + userId);
        }
        return new Account(server, "email:" + email.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Whoever a secret (a bearer token, or a session cookie no identity can be trusted for) is for: a fingerprint of
     * it, never the secret itself.
     */
    public static Account ofToken(String server, String token) {
        return new Account(server, "token:" + fingerprint(token));
    }

    /** A digest of a secret, to recognize it by without keeping it. */
    public static String fingerprint(String secret) {
        return sha256(secret).substring(0, 32);
    }

    /** The name of the account's folder: a digest, so that no user id or email shows in the file system. */
    public String folderName() {
        return sha256(server + "\n" + identity).substring(0, 24);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package app.belfry.persist;

import java.util.Optional;

/**
 * Keeps the session's secret (the session cookie's value or the bearer token) so that Belfry signs in by itself
 * after a restart. Passwords are never stored.
 */
public interface CredentialStore extends AutoCloseable {

    /** What is stored: the server it is for, the kind ({@code cookie:NAME} or {@code token}), the secret. */
    record Stored(String server, String kind, String secret) {
        @Override
        public String toString() {
            return "Stored[server=" + server + ", kind=" + kind + "]"; // never the secret
        }
    }

    Optional<Stored> load();

    void save(Stored credentials);

    void delete();

    /** Where the secret lives, in words for the log ("a file readable by you only", "the OS keychain"). */
    String describe();

    /** Lets go of what the store holds open (a keychain's connection); nothing for a file. */
    @Override
    default void close() {
    }
}

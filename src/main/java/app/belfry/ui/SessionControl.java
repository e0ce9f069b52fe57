package app.belfry.ui;

import java.util.concurrent.CompletableFuture;

/**
 * What the views ask of the application about the session; the launcher implements it with the client core.
 * Futures complete on the FX thread.
 */
public interface SessionControl {

    /**
     * What the sign-in view collects: a server, and email with password or a token; and, for a server whose
     * certificate comes from a private authority, that authority's certificate file (null or blank: none).
     */
    record SignInForm(String server, String email, String password, String token, String caFile) {
        public boolean usesToken() {
            return token != null && !token.isBlank();
        }

        @Override
        public String toString() {
            return "SignInForm[server=" + server + ", email=" + email + ", caFile=" + caFile + "]"; // no secret
        }
    }

    /**
     * Signs in and connects. Completes normally when signed in; exceptionally with a message fit to show (the
     * server's "Invalid email or password", or why the server could not be reached); with a
     * {@link java.util.concurrent.CancellationException} when a newer sign-in or a sign-out made it moot. Never left
     * pending.
     */
    CompletableFuture<Void> signIn(SignInForm form);

    /** Disconnects, signs out on the server, forgets the credentials (the guide's order). */
    void signOut();
}

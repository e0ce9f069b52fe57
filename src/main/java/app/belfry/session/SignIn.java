package app.belfry.session;

/**
 * What signing in takes: a server, and an email with its password or a bearer token.
 *
 * @param email null when a token is given
 * @param password null when a token is given; used once and kept nowhere
 * @param token null when an email is given
 */
public record SignIn(String server, String email, String password, String token) {

    public boolean usesToken() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "SignIn[server=" + server + ", email=" + email + "]"; // never a secret
    }
}

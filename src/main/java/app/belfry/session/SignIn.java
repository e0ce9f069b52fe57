package app.belfry.session;

/**
 * What signing in takes: a server, and an email with its password or a bearer token; for a server whose certificate
 * comes from a private authority, that authority's certificate.
 *
 * @param email null when a token is given
 * @param password null when a token is given; used once and kept nowhere
 * @param token null when an email is given
 * @param caFile a PEM file of certificate authorities to trust for this server, or null (blank: none)
 */
public record SignIn(String server, String email, String password, String token, String caFile) {

    public SignIn(String server, String email, String password, String token) {
        this(server, email, password, token, null);
    }

    public boolean usesToken() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "SignIn[server=" + server + ", email=" + email + ", caFile=" + caFile + "]"; // never a secret
    }
}

package app.belfry.server;

import java.util.Objects;

/** A user the reference backend knows: {@code --user EMAIL:PASSWORD}. */
public record UserAccount(String email, String password) {

    public UserAccount {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        if (email.isBlank() || !email.contains("@")) {
            throw new IllegalArgumentException("not an email address: " + email);
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("empty password for " + email);
        }
    }

    /** Parses {@code EMAIL:PASSWORD}; the password may itself contain colons. */
    public static UserAccount parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("expected EMAIL:PASSWORD, got '" + spec.replaceAll(":.*", ":…") + "'");
        }
        return new UserAccount(spec.substring(0, colon), spec.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "UserAccount[" + email + "]"; // never the password
    }
}

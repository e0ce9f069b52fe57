package app.belfry.net;

import java.util.Objects;

/** What proves who the user is at the handshake: a session cookie from signing in, or a bearer token. */
public sealed interface Credentials {

    /** better-auth's session cookie, sent as the {@code Cookie} header on every transport. */
    record SessionCookie(String name, String value) implements Credentials {
        public SessionCookie {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** The {@code Cookie} header's value. */
        public String header() {
            return name + "=" + value;
        }

        @Override
        public String toString() {
            return "SessionCookie[" + name + "=…]"; // never the secret
        }
    }

    /** A token sent as {@code auth.token}. */
    record BearerToken(String token) implements Credentials {
        public BearerToken {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("The token is empty");
            }
        }

        @Override
        public String toString() {
            return "BearerToken[…]"; // never the secret
        }
    }
}

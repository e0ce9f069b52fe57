package app.belfry.server;

import app.belfry.model.Events;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a socket presents at the handshake: a session cookie (as the {@code Cookie} header on every transport
 * request), a bearer token in {@code auth.token}, both or neither, and optionally {@code auth.since}.
 */
record HandshakeAuth(String cookieHeader, String token, String since) {

    static HandshakeAuth none() {
        return new HandshakeAuth(null, null, null);
    }

    static HandshakeAuth cookie(Session session) {
        return cookieHeader(session.cookieHeader());
    }

    static HandshakeAuth cookieHeader(String header) {
        return new HandshakeAuth(header, null, null);
    }

    static HandshakeAuth token(Session session) {
        return token(session.token());
    }

    static HandshakeAuth token(String token) {
        return new HandshakeAuth(null, token, null);
    }

    HandshakeAuth since(String createdAt) {
        return new HandshakeAuth(cookieHeader, token, createdAt);
    }

    /** For {@code IO.Options.extraHeaders}; empty without a cookie. */
    Map<String, List<String>> extraHeaders() {
        return cookieHeader == null ? Map.of() : Map.of("Cookie", List.of(cookieHeader));
    }

    /** For {@code IO.Options.auth}; null when there is nothing to send. */
    Map<String, String> authPayload() {
        Map<String, String> auth = new HashMap<>();
        if (token != null) {
            auth.put(Events.AUTH_TOKEN, token);
        }
        if (since != null) {
            auth.put(Events.AUTH_SINCE, since);
        }
        return auth.isEmpty() ? null : auth;
    }
}

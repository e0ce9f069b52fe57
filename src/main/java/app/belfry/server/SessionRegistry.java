package app.belfry.server;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signed-in sessions. A session's token is both the value of the session cookie and the bearer token, as
 * better-auth hands out. Bounded: past {@link #MAX_SESSIONS} the oldest session is forgotten.
 */
final class SessionRegistry {

    static final int MAX_SESSIONS = 10_000;

    record Session(String token, User user) {
        @Override
        public String toString() {
            return "Session[user=" + user.id() + "]"; // never the token
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    synchronized Session create(User user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Session session = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), user);
        sessions.put(session.token(), session);
        if (sessions.size() > MAX_SESSIONS) {
            Iterator<String> oldest = sessions.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return session;
    }

    synchronized Optional<Session> find(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(sessions.get(token));
    }

    synchronized int size() {
        return sessions.size();
    }

    /** Ends every session of a user; returns their tokens. */
    synchronized java.util.List<String> removeAll(String userId) {
        java.util.List<String> tokens = new java.util.ArrayList<>();
        sessions.values().removeIf(session -> {
            if (session.user().id().equals(userId)) {
                tokens.add(session.token());
                return true;
            }
            return false;
        });
        return tokens;
    }

    /** Ends a session; returns it when it existed. */
    synchronized Optional<Session> remove(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(sessions.remove(token));
    }
}

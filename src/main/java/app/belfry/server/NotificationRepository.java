package app.belfry.server;

import app.belfry.model.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every user's notifications, with their read state. Bounded: each user keeps the newest
 * {@link #MAX_PER_USER}; older ones are forgotten (and so can no longer be marked read or replayed).
 */
final class NotificationRepository {

    static final int MAX_PER_USER = 1_000;

    /** What marking one notification read did. */
    enum MarkOutcome { CHANGED, ALREADY_READ, NOT_FOUND }

    record MarkResult(MarkOutcome outcome, Notification notification) {
    }

    private final Map<String, LinkedHashMap<String, Notification>> byUser = new HashMap<>();

    synchronized void add(String userId, Notification notification) {
        LinkedHashMap<String, Notification> held = byUser.computeIfAbsent(userId, id -> new LinkedHashMap<>());
        held.put(notification.id(), notification);
        if (held.size() > MAX_PER_USER) {
            Iterator<String> oldest = held.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    synchronized MarkResult markRead(String userId, String notificationId) {
        LinkedHashMap<String, Notification> held = byUser.get(userId);
        Notification current = held == null ? null : held.get(notificationId);
        if (current == null) {
            return new MarkResult(MarkOutcome.NOT_FOUND, null);
        }
        if (current.read()) {
            return new MarkResult(MarkOutcome.ALREADY_READ, current);
        }
        Notification updated = current.withRead(true);
        held.put(notificationId, updated);
        return new MarkResult(MarkOutcome.CHANGED, updated);
    }

    /** The user's unread notifications created strictly after {@code since} (the contract's words), oldest first. */
    synchronized List<Notification> unreadSince(String userId, Instant since) {
        LinkedHashMap<String, Notification> held = byUser.get(userId);
        if (held == null) {
            return List.of();
        }
        List<Notification> result = new ArrayList<>();
        for (Notification n : held.values()) {
            if (!n.read() && n.createdAt().isAfter(since)) {
                result.add(n);
            }
        }
        result.sort(Comparator.comparing(Notification::createdAt));
        return result;
    }

    synchronized Optional<Notification> find(String userId, String notificationId) {
        LinkedHashMap<String, Notification> held = byUser.get(userId);
        return held == null ? Optional.empty() : Optional.ofNullable(held.get(notificationId));
    }
}

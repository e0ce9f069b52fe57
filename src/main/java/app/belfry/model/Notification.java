package app.belfry.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification as the contract defines it (docs/PROTOCOL.md, "The Notification object"). Immutable: a change
 * such as being marked read is a new object.
 */
public record Notification(String id, NotificationType type, String title, String message, Instant createdAt,
        boolean read) {

    public Notification {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id is empty");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** This notification with its read flag set as given (the same object when nothing changes). */
    public Notification withRead(boolean value) {
        return value == read ? this : new Notification(id, type, title, message, createdAt, value);
    }
}

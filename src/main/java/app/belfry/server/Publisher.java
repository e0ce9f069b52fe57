package app.belfry.server;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Creates notifications and hands them to the namespace for storage and delivery. */
final class Publisher {

    /** Whom a notification is for. */
    record Target(User user, String channel, boolean broadcast) {
        static Target user(User user) {
            return new Target(user, null, false);
        }

        static Target channel(User owner, String channel) {
            return new Target(owner, channel, false);
        }

        static Target everyone() {
            return new Target(null, ChannelAccess.BROADCAST, true);
        }
    }

    private final NotificationsNamespace sockets;
    private final Clock clock;

    Publisher(NotificationsNamespace sockets, Clock clock) {
        this.sockets = sockets;
        this.clock = clock;
    }

    Notification publish(Target target, NotificationType type, String title, String message) {
        // Millisecond precision, as on the wire, so that a client's auth.since compares exactly.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Notification notification = new Notification(UUID.randomUUID().toString(), type, title, message, now, false);
        if (target.broadcast()) {
            sockets.broadcast(notification);
        } else {
            String channel = target.channel() == null || target.channel().equals(target.user().room())
                    ? null : target.channel();
            sockets.deliver(target.user(), notification, channel);
        }
        return notification;
    }
}

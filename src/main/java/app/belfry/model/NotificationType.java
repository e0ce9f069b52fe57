package app.belfry.model;

import java.util.Optional;

/** The four kinds of notification the contract knows. Anything else on the wire is shown as {@link #INFO}. */
public enum NotificationType {
    INFO("info"),
    SUCCESS("success"),
    WARNING("warning"),
    ERROR("error");

    private final String wireName;

    NotificationType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire: {@code info}, {@code success}, {@code warning} or {@code error}. */
    public String wireName() {
        return wireName;
    }

    /** The type with that wire name, or empty when the name is not one of the four. */
    public static Optional<NotificationType> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (NotificationType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

package app.belfry.model;

import java.util.Optional;

/**
 * The user's choice of colours. {@link #SYSTEM}, the default, follows the system's light or dark setting while
 * Belfry runs, so that Belfry looks like the rest of the desktop without being asked.
 */
public enum Theme {
    LIGHT("light"),
    DARK("dark"),
    SYSTEM("system");

    private final String wireName;

    Theme(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code settings.json} and for {@code --theme}: {@code light}, {@code dark}, {@code system}. */
    public String wireName() {
        return wireName;
    }

    /** The theme with that wire name, or empty when the name is none of the three. */
    public static Optional<Theme> fromWire(String name) {
        for (Theme theme : values()) {
            if (theme.wireName.equals(name)) {
                return Optional.of(theme);
            }
        }
        return Optional.empty();
    }
}

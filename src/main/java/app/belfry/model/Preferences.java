package app.belfry.model;

import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The user's choices in the Preferences window, kept in {@code settings.json} with the session.
 *
 * @param doNotDisturb popups and sounds held back
 * @param quietFrom quiet hours' start, or null for none
 * @param quietTo quiet hours' end, or null for none
 * @param errorsBreakThrough {@code error} notifications pop up and sound even when quiet
 * @param keep how many notifications to keep from the next start ({@code --keep} wins), or 0 for the default
 * @param popupTypes the types that pop up
 * @param soundTypes the types that play a sound
 * @param language the language of Belfry's texts as a BCP 47 tag ({@code de}, {@code fr}, {@code en}), or null for
 *     the system's
 * @param theme light, dark, or the same as the system
 */
public record Preferences(boolean doNotDisturb, LocalTime quietFrom, LocalTime quietTo, boolean errorsBreakThrough,
        int keep, Set<NotificationType> popupTypes, Set<NotificationType> soundTypes, String language, Theme theme) {

    /** By default every type pops up, and errors play a sound. */
    public static final Set<NotificationType> DEFAULT_POPUP_TYPES = Set.copyOf(EnumSet.allOf(NotificationType.class));
    public static final Set<NotificationType> DEFAULT_SOUND_TYPES = Set.of(NotificationType.ERROR);

    public static final Preferences DEFAULTS = new Preferences(false, null, null, true, 0, DEFAULT_POPUP_TYPES,
            DEFAULT_SOUND_TYPES, null, Theme.SYSTEM);

    public Preferences {
        if ((quietFrom == null) != (quietTo == null)) {
            quietFrom = null; // half a range is none
            quietTo = null;
        }
        keep = Math.max(0, keep);
        popupTypes = popupTypes == null ? DEFAULT_POPUP_TYPES : Set.copyOf(popupTypes);
        soundTypes = soundTypes == null ? DEFAULT_SOUND_TYPES : Set.copyOf(soundTypes);
        theme = theme == null ? Theme.SYSTEM : theme;
    }

    public Preferences withDoNotDisturb(boolean on) {
        return new Preferences(on, quietFrom, quietTo, errorsBreakThrough, keep, popupTypes, soundTypes, language,
                theme);
    }

    /** Quiet hours from one time to the other (both null: none), and whether errors break through. */
    public Preferences withQuietHours(LocalTime from, LocalTime to, boolean errorsPopUp) {
        return new Preferences(doNotDisturb, from, to, errorsPopUp, keep, popupTypes, soundTypes, language, theme);
    }

    /** Per type: which pop up, and which play a sound. */
    public Preferences withTypeRules(Set<NotificationType> popUp, Set<NotificationType> sound) {
        return new Preferences(doNotDisturb, quietFrom, quietTo, errorsBreakThrough, keep, popUp, sound, language,
                theme);
    }

    /** How many notifications to keep from the next start (0: the default). */
    public Preferences withKeep(int count) {
        return new Preferences(doNotDisturb, quietFrom, quietTo, errorsBreakThrough, count, popupTypes, soundTypes,
                language, theme);
    }

    /** Light, dark, or the same as the system. */
    public Preferences withTheme(Theme chosen) {
        return new Preferences(doNotDisturb, quietFrom, quietTo, errorsBreakThrough, keep, popupTypes, soundTypes,
                language, chosen);
    }

    /** The language of Belfry's texts (null: the system's). */
    public Preferences withLanguage(String tag) {
        return new Preferences(doNotDisturb, quietFrom, quietTo, errorsBreakThrough, keep, popupTypes, soundTypes,
                tag, theme);
    }
}

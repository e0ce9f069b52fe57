package app.belfry.persist;

import app.belfry.model.NotificationType;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * What Belfry remembers between runs besides notifications: where it signed in, how, and the user's choices.
 *
 * @param server the backend's URL, or null before the first sign-in
 * @param authMode {@code cookie} (email and password) or {@code token}
 * @param email the email last signed in with (never the password)
 * @param identity who the kept session is for on that server ({@code user:ID}, {@code email:ADDRESS} or
 *     {@code token:FINGERPRINT}), which names the folder of its history and unsent reads; null before the first
 *     sign-in, and in files written before Belfry kept it
 * @param sessionDigest a digest of the kept session's secret: {@code identity} is trusted only for the secret it
 *     was written with (the two are written apart, the secret maybe to a keychain, and one may fail or be cut short)
 * @param doNotDisturb popups held back
 * @param quietFrom quiet hours' start, or null for none
 * @param quietTo quiet hours' end
 * @param errorsBreakThrough {@code error} notifications pop up even when quiet
 * @param maxNotifications how many notifications to keep (Preferences; {@code --keep} wins), or 0 for the default
 * @param caFile a PEM file of certificate authorities to trust for {@code server} besides the runtime's and the
 *     system's (chosen in the sign-in view), or null
 * @param popupTypes the types that pop up
 * @param soundTypes the types that play a sound
 */
public record Settings(String server, String authMode, String email, String identity, String sessionDigest,
        boolean doNotDisturb, LocalTime quietFrom, LocalTime quietTo, boolean errorsBreakThrough,
        int maxNotifications, String caFile, Set<NotificationType> popupTypes, Set<NotificationType> soundTypes) {

    /** By default every type pops up, and errors play a sound. */
    public static final Set<NotificationType> DEFAULT_POPUP_TYPES = Set.copyOf(EnumSet.allOf(NotificationType.class));
    public static final Set<NotificationType> DEFAULT_SOUND_TYPES = Set.of(NotificationType.ERROR);

    public Settings {
        popupTypes = popupTypes == null ? DEFAULT_POPUP_TYPES : Set.copyOf(popupTypes);
        soundTypes = soundTypes == null ? DEFAULT_SOUND_TYPES : Set.copyOf(soundTypes);
    }

    public static final Settings DEFAULTS = new Settings(null, null, null, null, null, false, null, null, true, 0, null,
            DEFAULT_POPUP_TYPES, DEFAULT_SOUND_TYPES);

    /** A session kept for {@code serverUrl}, with the CA file it was signed in with (null: none). */
    public Settings withSession(String serverUrl, String mode, String emailAddress, String who, String digest,
            String caFilePath) {
        return new Settings(serverUrl, mode, emailAddress, who, digest, doNotDisturb, quietFrom, quietTo,
                errorsBreakThrough, maxNotifications, caFilePath, popupTypes, soundTypes);
    }

    /** No session kept: the server stays, as the sign-in view's suggestion. */
    public Settings withoutSession() {
        return new Settings(server, null, email, null, null, doNotDisturb, quietFrom, quietTo, errorsBreakThrough,
                maxNotifications, caFile, popupTypes, soundTypes);
    }

    public Settings withQuietHours(LocalTime from, LocalTime to, boolean errorsPopUp) {
        return new Settings(server, authMode, email, identity, sessionDigest, doNotDisturb, from, to, errorsPopUp,
                maxNotifications, caFile, popupTypes, soundTypes);
    }

    /** Per type: which pop up, and which play a sound. */
    public Settings withTypeRules(Set<NotificationType> popUp, Set<NotificationType> sound) {
        return new Settings(server, authMode, email, identity, sessionDigest, doNotDisturb, quietFrom, quietTo,
                errorsBreakThrough, maxNotifications, caFile, popUp, sound);
    }

    /** How many notifications to keep from the next start (0: the default). */
    public Settings withMaxNotifications(int keep) {
        return new Settings(server, authMode, email, identity, sessionDigest, doNotDisturb, quietFrom, quietTo,
                errorsBreakThrough, keep, caFile, popupTypes, soundTypes);
    }

    public Settings withDoNotDisturb(boolean on) {
        return new Settings(server, authMode, email, identity, sessionDigest, on, quietFrom, quietTo,
                errorsBreakThrough, maxNotifications, caFile, popupTypes, soundTypes);
    }
}

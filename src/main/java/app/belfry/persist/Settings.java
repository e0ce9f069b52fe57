package app.belfry.persist;

import java.time.LocalTime;

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
 * @param maxNotifications how many notifications to keep, or 0 for the default
 * @param caFile a PEM file of certificate authorities to trust for {@code server} besides the runtime's and the
 *     system's (chosen in the sign-in view), or null
 */
public record Settings(String server, String authMode, String email, String identity, String sessionDigest,
        boolean doNotDisturb, LocalTime quietFrom, LocalTime quietTo, boolean errorsBreakThrough,
        int maxNotifications, String caFile) {

    public static final Settings DEFAULTS = new Settings(null, null, null, null, null, false, null, null, true, 0, null);

    /** A session kept for {@code serverUrl}, with the CA file it was signed in with (null: none). */
    public Settings withSession(String serverUrl, String mode, String emailAddress, String who, String digest,
            String caFilePath) {
        return new Settings(serverUrl, mode, emailAddress, who, digest, doNotDisturb, quietFrom, quietTo,
                errorsBreakThrough, maxNotifications, caFilePath);
    }

    /** No session kept: the server stays, as the sign-in view's suggestion. */
    public Settings withoutSession() {
        return new Settings(server, null, email, null, null, doNotDisturb, quietFrom, quietTo, errorsBreakThrough,
                maxNotifications, caFile);
    }

    public Settings withQuietHours(LocalTime from, LocalTime to, boolean errorsPopUp) {
        return new Settings(server, authMode, email, identity, sessionDigest, doNotDisturb, from, to, errorsPopUp,
                maxNotifications, caFile);
    }

    public Settings withDoNotDisturb(boolean on) {
        return new Settings(server, authMode, email, identity, sessionDigest, on, quietFrom, quietTo,
                errorsBreakThrough, maxNotifications, caFile);
    }
}

package app.belfry.persist;

import app.belfry.model.Preferences;

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
 * @param caFile a PEM file of certificate authorities to trust for {@code server} besides the runtime's and the
 *     system's (chosen in the sign-in view), or null
 * @param preferences the Preferences window's choices
 */
public record Settings(String server, String authMode, String email, String identity, String sessionDigest,
        String caFile, Preferences preferences) {

    public Settings {
        preferences = preferences == null ? Preferences.DEFAULTS : preferences;
    }

    public static final Settings DEFAULTS = new Settings(null, null, null, null, null, null, Preferences.DEFAULTS);

    /** A session kept for {@code serverUrl}, with the CA file it was signed in with (null: none). */
    public Settings withSession(String serverUrl, String mode, String emailAddress, String who, String digest,
            String caFilePath) {
        return new Settings(serverUrl, mode, emailAddress, who, digest, caFilePath, preferences);
    }

    /** No session kept: the server stays, as the sign-in view's suggestion. */
    public Settings withoutSession() {
        return new Settings(server, null, email, null, null, caFile, preferences);
    }

    public Settings withPreferences(Preferences chosen) {
        return new Settings(server, authMode, email, identity, sessionDigest, caFile, chosen);
    }
}

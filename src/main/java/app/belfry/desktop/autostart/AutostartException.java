package app.belfry.desktop.autostart;

/** Start at login could not be turned on or off; the message says why, in words for the user. */
public final class AutostartException extends Exception {

    public AutostartException(String message) {
        super(message);
    }

    public AutostartException(String message, Throwable cause) {
        super(message, cause);
    }
}

package app.belfry.ui;

/**
 * Start at login, as the Preferences window sees it. The app implements it with the OS's writer (an autostart entry,
 * the Run key, a LaunchAgent), whose file and registry work happens off the FX thread.
 */
public interface StartAtLogin {

    /** A Belfry that cannot be started at login (a development run, a test). */
    StartAtLogin NONE = new StartAtLogin() {
        @Override
        public boolean installed() {
            return false;
        }

        @Override
        public boolean isOn() {
            return false;
        }

        @Override
        public void turn(boolean on) {
        }
    };

    /** Whether this is the installed Belfry, which a login entry can start. */
    boolean installed();

    /** Whether Belfry's entry is there, as last seen. */
    boolean isOn();

    /** Writes or removes the entry in the background; the app tells the user when that fails. */
    void turn(boolean on);
}

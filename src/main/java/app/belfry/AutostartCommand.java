package app.belfry;

import app.belfry.desktop.autostart.Autostart;
import app.belfry.desktop.autostart.AutostartException;
import java.io.PrintStream;

/**
 * {@code belfry --autostart on|off}, for scripts and installers: turns start at login on or off, prints one line
 * saying what was written or removed and where, and gives the exit status: 0 when done, 1 when it could not be done
 * (a development run, an entry of someone else's in the way, a file that could not be written), said on stderr.
 */
final class AutostartCommand {

    static final int DONE = 0;
    static final int FAILED = 1;

    private AutostartCommand() {
    }

    static int run(boolean on, Autostart autostart, PrintStream out, PrintStream err) {
        try {
            out.println(on ? autostart.enable() : autostart.disable());
            return DONE;
        } catch (AutostartException e) {
            err.println("belfry: " + e.getMessage());
            return FAILED;
        }
    }
}

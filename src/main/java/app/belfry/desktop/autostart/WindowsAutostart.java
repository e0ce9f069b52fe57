package app.belfry.desktop.autostart;

import app.belfry.i18n.Texts;
import java.io.IOException;
import java.util.Optional;

/**
 * Windows: the value {@code Belfry} in the current user's {@code Run} key, {@code "C:\…\Belfry.exe" --minimized},
 * which Explorer starts at login (and lists under Settings, Apps, Startup, where the user can also switch it off).
 * The current user's key needs no administrator, as the per-user install does not.
 *
 * <p>The value names a program, not Belfry: a value of that name that starts another program (an earlier install
 * elsewhere, a command of the user's) is not this Belfry's. {@link #enable} replaces it, and says what it was, since
 * one name can start one thing; {@link #disable} leaves it, and says so.
 */
final class WindowsAutostart implements Autostart {

    private static final String RUN_KEY = "Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    private static final String VALUE_NAME = "Belfry"; // not shown: the value's name
    /** The windowed launcher, and the console one beside it (packaging/build.sh, --add-launcher). */
    private static final String WINDOWED = "Belfry.exe";
    private static final String CONSOLE = "belfry-console.exe";

    private final Registry registry;
    private final Optional<String> launcher;

    WindowsAutostart(Registry registry, Optional<String> launcher) {
        this.registry = registry;
        this.launcher = launcher.map(WindowsAutostart::windowed);
    }

    /**
     * The windowed launcher for the one that runs: {@code belfry-console --autostart on} (the launcher that prints in
     * a terminal) must not make every login open a console window.
     */
    private static String windowed(String launcher) {
        int slash = Math.max(launcher.lastIndexOf('\\'), launcher.lastIndexOf('/'));
        String name = launcher.substring(slash + 1);
        return name.equalsIgnoreCase(CONSOLE) ? launcher.substring(0, slash + 1) + WINDOWED : launcher;
    }

    @Override
    public boolean installed() {
        return launcher.isPresent();
    }

    @Override
    public boolean isEnabled() {
        try {
            Optional<String> data = registry.read(RUN_KEY, VALUE_NAME);
            return data.isPresent() && launcher.isPresent() && startsThis(data.get(), launcher.get());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String enable() throws AutostartException {
        String program = launcher.orElseThrow(() -> new AutostartException(Texts.text("autostart.needsInstalled")));
        String command = "\"" + program + "\" " + MINIMIZED;
        try {
            Optional<String> before = registry.read(RUN_KEY, VALUE_NAME);
            registry.write(RUN_KEY, VALUE_NAME, command);
            return before.filter(data -> !startsThis(data, program))
                    .map(data -> Texts.format("autostart.setReplacing", where(), command, data))
                    .orElse(Texts.format("autostart.set", where(), command));
        } catch (IOException e) {
            throw new AutostartException(Texts.format("autostart.cannotSet", where(), e.getMessage()), e);
        }
    }

    @Override
    public String disable() throws AutostartException {
        String program = launcher.orElseThrow(() -> new AutostartException(Texts.text("autostart.needsInstalled")));
        try {
            Optional<String> data = registry.read(RUN_KEY, VALUE_NAME);
            if (data.isEmpty()) {
                return Texts.format("autostart.notSet", where());
            }
            if (!startsThis(data.get(), program)) {
                throw new AutostartException(Texts.format("autostart.foreignValue", where(), data.get(),
                        program));
            }
            registry.delete(RUN_KEY, VALUE_NAME);
            return Texts.format("autostart.removed", where());
        } catch (IOException e) {
            throw new AutostartException(Texts.format("autostart.cannotRemove", where(), e.getMessage()), e);
        }
    }

    @Override
    public String where() {
        return Texts.format("autostart.where.windows", VALUE_NAME, "HKEY_CURRENT_USER\\" + RUN_KEY);
    }

    /**
     * True when the command starts this program, quoted or not, with any arguments: Windows paths ignore case.
     */
    private static boolean startsThis(String command, String program) {
        String trimmed = command.strip();
        for (String form : new String[] {"\"" + program + "\"", program}) {
            if (trimmed.regionMatches(true, 0, form, 0, form.length())
                    && (trimmed.length() == form.length() || trimmed.charAt(form.length()) == ' ')) {
                return true;
            }
        }
        return false;
    }
}

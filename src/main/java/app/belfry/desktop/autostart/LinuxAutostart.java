package app.belfry.desktop.autostart;

import app.belfry.i18n.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Linux (and the other XDG desktops): {@code belfry.desktop} in {@code $XDG_CONFIG_HOME/autostart}
 * ({@code ~/.config/autostart} by default), which GNOME, KDE, Xfce and the others start at login, as the XDG Autostart
 * specification says.
 *
 * <p>The entry runs the installed launcher with {@code --minimized}; {@code TryExec} names the launcher too, so that
 * after Belfry is uninstalled the entry is skipped instead of failing at every login. {@code belfry.desktop} is a name
 * anyone could use (a hand-made entry, another package): only a file with Belfry's marker key
 * ({@value #MARKER}) is Belfry's, and any other is left as it is, by {@link #enable} and {@link #disable} alike.
 */
final class LinuxAutostart implements Autostart {

    private static final String FILE_NAME = "belfry.desktop";
    /** The key that says Belfry wrote the entry (keys starting with X- are free for applications' own use). */
    private static final String MARKER = "X-Belfry-Autostart=true";

    private final Path file;
    private final Optional<Path> launcher;

    LinuxAutostart(Map<String, String> environment, Path home, Optional<Path> launcher) {
        this.file = configHome(environment, home).resolve("autostart").resolve(FILE_NAME);
        this.launcher = launcher;
    }

    /** {@code $XDG_CONFIG_HOME}, or {@code ~/.config} when it is unset, empty or relative (the spec ignores those). */
    private static Path configHome(Map<String, String> environment, Path home) {
        String value = environment.get("XDG_CONFIG_HOME");
        if (value != null && !value.isEmpty()) {
            try {
                Path path = Path.of(value);
                if (path.isAbsolute()) {
                    return path;
                }
            } catch (InvalidPathException e) {
                // ignored, as a relative one is
            }
        }
        return home.resolve(".config");
    }

    @Override
    public boolean installed() {
        return launcher.isPresent();
    }

    @Override
    public boolean isEnabled() {
        return written();
    }

    @Override
    public String enable() throws AutostartException {
        Path program = launcher.orElseThrow(() -> new AutostartException(Texts.text("autostart.needsInstalled")));
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !written()) {
            throw new AutostartException(Texts.format("autostart.foreignOn", file));
        }
        return EntryFiles.writeEntry(file, entry(program));
    }

    @Override
    public String disable() throws AutostartException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Texts.format("autostart.noFile", file);
        }
        if (!written()) {
            throw new AutostartException(Texts.format("autostart.foreignOff", file));
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new AutostartException(Texts.format("autostart.cannotRemove", file, e.getMessage()), e);
        }
        return Texts.format("autostart.removed", file);
    }

    @Override
    public String where() {
        return file.toString();
    }

    /** True when the file is Belfry's: it carries the marker. */
    private boolean written() {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.strip().equals(MARKER));
        } catch (IOException e) {
            return false; // none, unreadable, or not UTF-8: not Belfry's either way
        }
    }

    /** The desktop entry that starts this launcher minimized; the icon is the one jpackage installs, when there. */
    private static String entry(Path program) throws AutostartException {
        String path = program.toString();
        EntryFiles.refuseControlCharacters(path);
        String note = "# Written by Belfry: turn start at login off " // not shown: for whoever opens the file
                + "(belfry --autostart off) to remove it.\n"; // not shown
        StringBuilder entry = new StringBuilder(note)
                .append("[Desktop Entry]\n") // not shown: the file's format
                .append("Type=Application\n")
                .append("Version=1.0\n")
                .append("Name=Belfry\n")
                .append("Comment=").append(stringValue(Texts.textIn("autostart.comment", "en"))).append('\n');
        // The desktop's list of start-up programs shows the comment in the user's language.
        for (String language : Texts.SPOKEN.subList(1, Texts.SPOKEN.size())) {
            entry.append("Comment[").append(language).append("]=")
                    .append(stringValue(Texts.textIn("autostart.comment", language))).append('\n');
        }
        entry.append("Exec=").append(stringValue(exec(path))).append('\n')
                .append("TryExec=").append(stringValue(path)).append('\n');
        // jpackage installs the icon beside the launcher's folder: /opt/belfry/bin/Belfry, /opt/belfry/lib/Belfry.png
        Path folder = program.getParent();
        if (folder != null && folder.getParent() != null) {
            Path icon = folder.resolveSibling("lib").resolve(program.getFileName() + ".png");
            if (Files.isRegularFile(icon)) {
                entry.append("Icon=").append(stringValue(icon.toString())).append('\n');
            }
        }
        return entry.append("Terminal=false\n")
                .append("X-GNOME-Autostart-enabled=true\n")
                .append(MARKER).append('\n')
                .toString();
    }

    /**
     * The command line, by the spec's rules for {@code Exec}: the program as one quoted argument (inside the quotes,
     * {@code "}, {@code `}, {@code $} and {@code \} take a backslash) and {@code %} written {@code %%}, since a
     * single one starts a field code. GLib (GNOME's session) looks the program up before it expands {@code %%}, and
     * finds no program whose path holds a {@code %}: such a path goes through {@code env}, which GLib finds.
     */
    private static String exec(String program) {
        StringBuilder quoted = new StringBuilder(program.indexOf('%') >= 0 ? "env \"" : "\"");
        for (char c : program.toCharArray()) {
            switch (c) {
                case '"', '`', '$', '\\' -> quoted.append('\\').append(c);
                case '%' -> quoted.append("%%");
                default -> quoted.append(c);
            }
        }
        return quoted.append("\" ").append(MINIMIZED).toString();
    }

    /**
     * A value of a string key: the spec's escapes apply to it before the {@code Exec} quoting is read, so each
     * backslash is doubled (a control character, which would need the others, is refused before).
     */
    private static String stringValue(String value) {
        return value.replace("\\", "\\\\");
    }
}

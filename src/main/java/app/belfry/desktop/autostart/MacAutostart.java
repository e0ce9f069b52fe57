package app.belfry.desktop.autostart;

import app.belfry.i18n.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * macOS: a LaunchAgent, {@code ~/Library/LaunchAgents/app.belfry.Belfry.plist}, that launchd loads at the next login
 * and runs once ({@code RunAtLoad}) with the launcher inside the app bundle and {@code --minimized}. It is not loaded
 * with {@code launchctl} now: Belfry is running already, and the next login is what the user asked for. Likewise
 * turning it off removes the file; launchd forgets the job at log-out.
 *
 * <p>The file's name is Belfry's own label (reverse DNS under Belfry's bundle id, {@code app.belfry}), which no one
 * else uses: {@link #disable} removes what is there.
 */
final class MacAutostart implements Autostart {

    private static final String LABEL = "app.belfry.Belfry";

    private final Path file;
    private final Optional<Path> launcher;

    MacAutostart(Path home, Optional<Path> launcher) {
        this.file = home.resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist"); // not shown
        this.launcher = launcher;
    }

    @Override
    public boolean installed() {
        return launcher.isPresent();
    }

    @Override
    public boolean isEnabled() {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public String enable() throws AutostartException {
        String program = launcher.orElseThrow(() -> new AutostartException(Texts.text("autostart.needsInstalled")))
                .toString();
        EntryFiles.refuseControlCharacters(program);
        if (program.contains("/AppTranslocation/")) {
            // Gatekeeper runs a downloaded app that was not moved from a read-only copy: the path is gone later.
            throw new AutostartException(Texts.text("autostart.needsApplications"));
        }
        return EntryFiles.writeEntry(file, plist(program));
    }

    @Override
    public String disable() throws AutostartException {
        try {
            if (!Files.deleteIfExists(file)) {
                return Texts.format("autostart.noFile", file);
            }
        } catch (IOException e) {
            throw new AutostartException(Texts.format("autostart.cannotRemove", file, e.getMessage()), e);
        }
        return Texts.format("autostart.removed", file);
    }

    @Override
    public String where() {
        return file.toString();
    }

    private static String plist(String program) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <!-- Written by Belfry: turn start at login off in Belfry to remove it. -->
                <plist version="1.0">
                <dict>
                    <key>Label</key>
                    <string>%s</string>
                    <key>ProgramArguments</key>
                    <array>
                        <string>%s</string>
                        <string>%s</string>
                    </array>
                    <key>RunAtLoad</key>
                    <true/>
                    <key>ProcessType</key>
                    <string>Interactive</string>
                </dict>
                </plist>
                """.formatted(LABEL, xml(program), MINIMIZED);
    }

    /** Text for an XML element: the three characters that could end or start markup, escaped. */
    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

package app.belfry.desktop.autostart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.testing.Xvfb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The XDG autostart entry, in a temporary {@code XDG_CONFIG_HOME} with a fake installed launcher (a script that
 * writes down how it was started): the entry must pass {@code desktop-file-validate}, and GLib's own loader
 * ({@code gio launch}, what GNOME's session uses) must start exactly that launcher with {@code --minimized}, also
 * from a folder whose name needs every kind of escaping.
 */
class LinuxAutostartTest {

    @TempDir
    Path temp;

    private Path config() {
        return temp.resolve("config");
    }

    private Path entry() {
        return config().resolve("autostart").resolve("belfry.desktop");
    }

    private Autostart autostart(Optional<Path> launcher) {
        return Autostart.forSystem("Linux", Map.of("XDG_CONFIG_HOME", config().toString()), temp.resolve("home"),
                launcher);
    }

    /** An installed Belfry as jpackage lays it out (bin/Belfry, lib/Belfry.png) under {@code root}. */
    private Path install(Path root, boolean icon) throws IOException {
        Path launcher = Files.createDirectories(root.resolve("bin")).resolve("Belfry");
        Path started = temp.resolve("started.txt");
        Files.writeString(launcher, "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\" > '" + started + ".tmp' && mv '" + started
                + ".tmp' '" + started + "'\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        if (icon) {
            Files.write(Files.createDirectories(root.resolve("lib")).resolve("Belfry.png"), new byte[] {1});
        }
        return launcher;
    }

    @Test
    void onWritesAValidEntryThatStartsTheInstalledLauncherMinimized() throws Exception {
        Path launcher = install(temp.resolve("opt/belfry"), true);
        Autostart autostart = autostart(Optional.of(launcher));
        assertThat(autostart.isEnabled()).isFalse();

        assertThat(autostart.enable()).isEqualTo("Belfry starts at login: wrote " + entry());

        assertThat(autostart.isEnabled()).isTrue();
        assertThat(autostart.where()).isEqualTo(entry().toString());
        assertThat(Files.readAllLines(entry())).contains("[Desktop Entry]", "Type=Application", "Name=Belfry",
                "Terminal=false", "Exec=\"" + launcher + "\" --minimized", "TryExec=" + launcher,
                "Icon=" + temp.resolve("opt/belfry/lib/Belfry.png"), "X-GNOME-Autostart-enabled=true",
                "X-Belfry-Autostart=true");
        try (var files = Files.list(entry().getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(entry());
        }
        validate(entry());
        assertThat(launch(entry())).containsExactly(launcher.toString(), "--minimized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Belfry Apps", "we ird $HOME \"q\" `date` \\back ;&|<>~#*?()'s", "100% sure %f %%",
        "zoë's Ünïcode"})
    void aPathWithSpacesAndSpecialCharactersIsEscaped(String folder) throws Exception {
        Path launcher = install(temp.resolve(folder).resolve("belfry"), true);

        autostart(Optional.of(launcher)).enable();

        validate(entry());
        assertThat(launch(entry())).as(Files.readString(entry())).containsExactly(launcher.toString(),
                "--minimized");
    }

    @Test
    void offRemovesExactlyTheEntryBelfryWrote() throws Exception {
        Autostart autostart = autostart(Optional.of(install(temp.resolve("opt/belfry"), false)));
        autostart.enable();
        Path other = Files.writeString(entry().resolveSibling("other.desktop"), "[Desktop Entry]\n");

        assertThat(autostart.disable()).isEqualTo("Belfry no longer starts at login: removed " + entry());

        assertThat(entry()).doesNotExist();
        assertThat(other).as("another program's entry").exists();
        assertThat(autostart.isEnabled()).isFalse();
        assertThat(autostart.disable()).as("off again").isEqualTo("Belfry does not start at login: there is no "
                + entry());
    }

    @Test
    void anEntryOfTheSameNameThatBelfryDidNotWriteIsLeftAsItIs() throws Exception {
        Autostart autostart = autostart(Optional.of(install(temp.resolve("opt/belfry"), true)));
        String own = "[Desktop Entry]\nType=Application\nName=My Belfry\nExec=/opt/belfry/bin/Belfry --server "
                + "https://notify.example\n";
        Files.writeString(Files.createDirectories(entry().getParent()).resolve("belfry.desktop"), own);

        assertThat(autostart.isEnabled()).isFalse();
        assertThatThrownBy(autostart::disable).isInstanceOf(AutostartException.class)
                .hasMessage(entry() + " was not written by Belfry, so it is left as it is (remove it yourself if it "
                        + "starts Belfry)");
        assertThatThrownBy(autostart::enable).isInstanceOf(AutostartException.class)
                .hasMessage(entry() + " was not written by Belfry, so it is left as it is: remove it, then turn "
                        + "start at login on again");
        assertThat(entry()).hasContent(own);
    }

    @Test
    void aDevelopmentRunWritesNothing() {
        Autostart autostart = autostart(Optional.empty());

        assertThatThrownBy(autostart::enable).isInstanceOf(AutostartException.class)
                .hasMessage("Start at login needs the installed Belfry (a development run has no launcher to start)");

        assertThat(config()).doesNotExist();
    }

    @Test
    void aLauncherPathThatNoEntryCanHoldIsRefused() throws Exception {
        Path launcher = install(temp.resolve("new\nline"), true);

        assertThatThrownBy(() -> autostart(Optional.of(launcher)).enable()).isInstanceOf(AutostartException.class)
                .hasMessageContaining("control character");

        assertThat(config()).doesNotExist();
    }

    @Test
    void theConfigHomeIsDotConfigWhenXdgConfigHomeIsUnsetOrRelative() throws Exception {
        Path launcher = install(temp.resolve("opt/belfry"), false);
        Path home = temp.resolve("home");
        for (Map<String, String> environment : List.of(Map.<String, String>of(), Map.of("XDG_CONFIG_HOME", ""),
                Map.of("XDG_CONFIG_HOME", "relative/config"))) {
            Autostart autostart = Autostart.forSystem("Linux", environment, home, Optional.of(launcher));
            assertThat(autostart.where()).as(environment.toString())
                    .isEqualTo(home.resolve(".config/autostart/belfry.desktop").toString());
        }
        Autostart autostart = Autostart.forSystem("Linux", Map.of(), home, Optional.of(launcher));
        autostart.enable();
        assertThat(Files.readString(home.resolve(".config/autostart/belfry.desktop"))).as("no Icon without one")
                .doesNotContain("Icon=");
        validate(home.resolve(".config/autostart/belfry.desktop"));
    }

    /** desktop-file-validate, the freedesktop.org reference validator: no error, no warning. */
    private static void validate(Path entry) throws Exception {
        require("desktop-file-validate", "desktop-file-utils");
        Process process = new ProcessBuilder("desktop-file-validate", entry.toString()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output + "\n" + Files.readString(entry)).isZero();
        assertThat(output).as(Files.readString(entry)).doesNotContain("error").doesNotContain("warning");
    }

    /** Starts the entry as GNOME's session would (GLib's desktop-entry loader) and returns the launcher's argv. */
    private List<String> launch(Path entry) throws Exception {
        require("gio", "libglib2.0-bin");
        Path started = temp.resolve("started.txt");
        Files.deleteIfExists(started);
        try (WatchService watch = temp.getFileSystem().newWatchService()) {
            temp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            ProcessBuilder builder = new ProcessBuilder("gio", "launch", entry.toString()).redirectErrorStream(true);
            builder.environment().remove("DISPLAY"); // nothing of the user's desktop session
            builder.environment().remove("WAYLAND_DISPLAY");
            builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
            Process gio = builder.start();
            String output = new String(gio.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(gio.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(gio.exitValue()).as("gio launch: " + output + "\n" + Files.readString(entry)).isZero();
            // The launcher runs apart from gio, and moves its file into place when it is written.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(started)) {
                WatchKey key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(key).as("the launcher started").isNotNull();
                key.pollEvents();
                key.reset();
            }
        }
        return Files.readAllLines(started);
    }

    private static void require(String command, String debianPackage) {
        if (!Xvfb.onPath(command)) {
            String missing = command + " is not installed: apt-get install " + debianPackage;
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(missing + " (CI=true: this test must run on CI)");
            }
            Assumptions.abort(missing);
        }
    }
}

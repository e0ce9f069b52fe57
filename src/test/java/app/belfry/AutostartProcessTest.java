package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code belfry --autostart on|off} as a script runs it: a second JVM, its home and {@code XDG_CONFIG_HOME} in a
 * temporary folder, and the installed launcher given as jpackage's launcher gives it ({@code -Djpackage.app-path}),
 * or not at all (a development run). Linux only: elsewhere the entry is not a file of the XDG folder (on Windows
 * it would be the user's real registry).
 */
@EnabledOnOs(OS.LINUX)
class AutostartProcessTest {

    @TempDir
    Path temp;

    private record Run(int status, String out, String err) {
    }

    private Path entry() {
        return temp.resolve("config/autostart/belfry.desktop");
    }

    private Run belfry(String appPath, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Duser.home=" + temp.resolve("home")));
        if (appPath != null) {
            command.add("-Djpackage.app-path=" + appPath);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        command.addAll(List.of(args));
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("XDG_CONFIG_HOME", temp.resolve("config").toString());
        builder.environment().put("HOME", temp.resolve("home").toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void onThenOffWritesThenRemovesTheEntryOfTheInstalledLauncher() throws Exception {
        Path launcher = Files.createDirectories(temp.resolve("opt/belfry/bin")).resolve("Belfry");
        Files.createFile(launcher);

        Run on = belfry(launcher.toString(), "--autostart", "on");

        assertThat(on.status()).as(on.err()).isZero();
        assertThat(on.out()).isEqualTo("Belfry starts at login: wrote " + entry() + System.lineSeparator());
        assertThat(Files.readAllLines(entry())).contains("Exec=\"" + launcher + "\" --minimized");

        Run off = belfry(launcher.toString(), "--autostart", "off");

        assertThat(off.status()).as(off.err()).isZero();
        assertThat(off.out()).isEqualTo("Belfry no longer starts at login: removed " + entry()
                + System.lineSeparator());
        assertThat(entry()).doesNotExist();
    }

    @Test
    void onFromADevelopmentRunSaysWhyAndWritesNothing() throws Exception {
        Run on = belfry(null, "--autostart", "on");

        assertThat(on.status()).isEqualTo(1);
        assertThat(on.out()).isEmpty();
        assertThat(on.err()).isEqualTo("belfry: Start at login needs the installed Belfry (a development run has no "
                + "launcher to start)" + System.lineSeparator());
        assertThat(temp.resolve("config")).doesNotExist();
    }

    @Test
    void aValueOtherThanOnOrOffIsABadArgument() throws Exception {
        Run run = belfry(null, "--autostart", "yes");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("belfry: --autostart needs on or off, got 'yes'");
        assertThat(temp.resolve("config")).doesNotExist();
    }
}

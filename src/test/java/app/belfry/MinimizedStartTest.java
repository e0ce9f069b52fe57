package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.desktop.TrayProbe;
import app.belfry.testing.Xvfb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --minimized}, as start at login runs Belfry, on a real X server (Xvfb): with a tray host (trayer) the window
 * stays hidden and the tray's Open shows it; without one the window shows, so that Belfry is never out of reach.
 */
class MinimizedStartTest {

    @TempDir
    Path temp;

    private final List<Process> started = new ArrayList<>();
    private Xvfb xvfb;

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        if (xvfb != null) {
            xvfb.close();
        }
    }

    private List<String> run(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.awt.headless=false", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", xvfb.display());
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS"); // no popups or keyring of the user's
        Process process = builder.start();
        started.add(process);
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended: " + lines).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    @Test
    void withATrayTheWindowStaysHiddenUntilTheTraysOpen() throws Exception {
        xvfb = Xvfb.start("trayer");
        ProcessBuilder trayer = new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype",
                "pixel", "--width", "120", "--height", "24").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        trayer.environment().put("DISPLAY", xvfb.display());
        started.add(trayer.start());
        // trayer needs a moment to claim the tray selection: TrayProbe says when it has
        for (int attempt = 0; run(TrayProbe.class).contains("no tray"); attempt++) {
            assertThat(attempt).as("attempts until trayer holds the tray").isLessThan(20);
        }

        List<String> lines = run(MinimizedProbe.class, temp.resolve("data").toString());

        assertThat(lines).containsSubsequence("hidden in the tray", "tray menu: Open", "shown after Open");
    }

    @Test
    void withoutATrayTheWindowShows() throws Exception {
        xvfb = Xvfb.start();

        List<String> lines = run(MinimizedProbe.class, temp.resolve("data").toString());

        assertThat(lines).contains("shown without a tray");
    }
}

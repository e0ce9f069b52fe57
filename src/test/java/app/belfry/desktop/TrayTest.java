package app.belfry.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The tray on a real X server (Xvfb): with a tray host (trayer) the icon is there and its tooltip follows the count;
 * without one Belfry goes on without a tray.
 */
class TrayTest {

    private final List<Process> started = new ArrayList<>();
    private final List<app.belfry.testing.Xvfb> xvfbs = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        xvfbs.forEach(app.belfry.testing.Xvfb::close);
    }

    private String display() throws IOException {
        app.belfry.testing.Xvfb xvfb = app.belfry.testing.Xvfb.start("trayer");
        xvfbs.add(xvfb);
        return xvfb.display();
    }

    private Process java(String display) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=false", "-cp", System.getProperty("java.class.path"), TrayProbe.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    @Test
    void withATrayHostTheIconsTooltipFollowsTheCount() throws Exception {
        String display = display();
        ProcessBuilder trayer = new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype",
                "pixel", "--width", "120", "--height", "24").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        trayer.environment().put("DISPLAY", display);
        started.add(trayer.start());
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 20; attempt++) { // trayer needs a moment to claim the tray selection
            Process probe = java(display);
            lines = new String(probe.getInputStream().readAllBytes()).lines().toList();
            probe.waitFor(30, TimeUnit.SECONDS);
            if (!lines.contains("no tray")) {
                break;
            }
        }
        assertThat(lines).containsSubsequence("tooltip: Belfry: nothing unread", "tooltip: Belfry: 3 unread",
                "tooltip: Belfry: 12 unread", "tooltip: Belfry: 12 unread (offline)");
    }

    @Test
    void withoutATrayHostThereIsNoTrayAndNoError() throws Exception {
        String display = display();
        Process probe = java(display);
        List<String> lines = new String(probe.getInputStream().readAllBytes()).lines().toList();
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).isZero();
        assertThat(lines).contains("no tray");
    }
}

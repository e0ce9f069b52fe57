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

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private String display() throws IOException, InterruptedException {
        boolean available = onPath("Xvfb") && onPath("trayer");
        if (!available && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI needs Xvfb and trayer (Debian packages xvfb and trayer) for the tray tests");
        }
        Assumptions.assumeTrue(available, "Xvfb and trayer are not installed: apt-get install xvfb trayer");
        // -displayfd: Xvfb picks a free display itself and writes its number once it is ready for clients.
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "800x600x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(xvfb);
        java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(xvfb.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
        String number = out.readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            throw new AssertionError("Xvfb did not start: " + number);
        }
        return ":" + number.strip();
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
        assertThat(lines).containsSubsequence("tooltip: Belfry: 0 unread", "tooltip: Belfry: 3 unread",
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

package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.Rendering.Choice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class RenderingTest {

    @TempDir
    Path dir;

    @Test
    void withoutAGpuDeviceLinuxDrawsInSoftware() throws Exception {
        assertThat(Rendering.choose("Linux", null, dir.resolve("missing"))).isEqualTo(Choice.SOFTWARE);
        Path dri = Files.createDirectories(dir.resolve("dri"));
        assertThat(Rendering.choose("Linux", null, dri)).isEqualTo(Choice.SOFTWARE);
        Files.createDirectories(dri.resolve("by-path"));
        assertThat(Rendering.choose("Linux", null, dri)).isEqualTo(Choice.SOFTWARE);
    }

    @Test
    void aGpuDeviceOrTheUsersChoiceOrAnotherOsLeavesJavaFxAlone() throws Exception {
        Path dri = Files.createDirectories(dir.resolve("dri"));
        Files.createFile(dri.resolve("renderD128"));
        assertThat(Rendering.choose("Linux", null, dri)).isEqualTo(Choice.AS_IS);
        Path card = Files.createDirectories(dir.resolve("card-only"));
        Files.createFile(card.resolve("card0"));
        assertThat(Rendering.choose("Linux", null, card)).isEqualTo(Choice.AS_IS);
        assertThat(Rendering.choose("Linux", "es2", dir.resolve("missing"))).isEqualTo(Choice.AS_IS);
        assertThat(Rendering.choose("Windows 11", null, dir.resolve("missing"))).isEqualTo(Choice.AS_IS);
        assertThat(Rendering.choose("Mac OS X", null, dir.resolve("missing"))).isEqualTo(Choice.AS_IS);
    }

    @Test
    void softwareMeansJavaFxsSoftwarePipelineAndNoGtkOpenGlProbe() {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        Rendering.apply(Choice.SOFTWARE, properties::put, environment::put);
        assertThat(properties).containsExactly(Map.entry("prism.order", "sw"),
                Map.entry("prism.disableRegionCaching", "true"));
        assertThat(environment).containsExactly(Map.entry("GDK_GL", "disable"));

        properties.clear();
        environment.clear();
        Rendering.apply(Choice.AS_IS, properties::put, environment::put);
        assertThat(properties).isEmpty();
        assertThat(environment).isEmpty();
    }

    /** GTK reads the C library's environment, not Java's copy: the variable must land there. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theVariableReachesTheCLibrarysEnvironmentWithoutOverwriting() {
        Rendering.setenvIfAbsent("BELFRY_RENDERING_TEST", "first");
        Rendering.setenvIfAbsent("BELFRY_RENDERING_TEST", "second");
        assertThat(Rendering.getenv("BELFRY_RENDERING_TEST")).isEqualTo("first");
    }
}

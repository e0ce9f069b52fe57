package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.model.Theme;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void noArgumentsMeansTheEmbeddedDemo() {
        LaunchOptions options = LaunchOptions.parse(new String[0], Map.of());
        assertThat(options.embedded()).isTrue();
        assertThat(options.maxNotifications()).as("kept: a thousand; the dropdown shows 100").isEqualTo(1_000);
        assertThat(options.command()).isEqualTo(LaunchOptions.Command.RUN);
    }

    @Test
    void theEnvironmentGivesServerAndToken() {
        LaunchOptions options = LaunchOptions.parse(new String[0],
                Map.of("BELFRY_SERVER", "http://backend:3000", "BELFRY_TOKEN", "t0ken"));
        assertThat(options.server()).isEqualTo("http://backend:3000");
        assertThat(options.token()).isEqualTo("t0ken");
        assertThat(options.embedded()).isFalse();
        assertThat(options.toString()).doesNotContain("t0ken");
    }

    @Test
    void thePasswordComesFromTheEnvironmentGivenNotFromTheProcesss() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--email", "ada@example.com"},
                Map.of("BELFRY_PASSWORD", " secret with spaces "));
        assertThat(options.password()).isEqualTo(" secret with spaces ");
        assertThat(options.toString()).doesNotContain("secret");
        assertThat(LaunchOptions.parse(new String[] {"--email", "ada@example.com"}, Map.of()).password())
                .as("nothing from the process's environment").isNull();
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--server", "http://a", "--demo",
                "--max-notifications", "7", "--debug", "--headless"}, Map.of("BELFRY_SERVER", "http://b"));
        assertThat(options.server()).isEqualTo("http://a");
        assertThat(options.embedded()).isTrue();
        assertThat(options.maxNotifications()).isEqualTo(7);
        assertThat(options.debug()).isTrue();
        assertThat(options.headless()).isTrue();
    }

    @Test
    void theCaFileAndTheProxyComeFromTheCommandLineOrTheEnvironment(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path ca = dir.resolve("ca.pem");
        java.nio.file.Files.writeString(ca, java.nio.file.Files.readString(new app.belfry.testing.TestCertificates(dir)
                .caCertificate()));
        LaunchOptions fromEnvironment = LaunchOptions.parse(new String[0], Map.of("BELFRY_CA_FILE", ca.toString(),
                "HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", ".corp", "HOME", "/home/ada"));
        assertThat(fromEnvironment.network().caFile()).isEqualTo(ca);
        assertThat(fromEnvironment.network().proxy()).as("the system's, then the variables").isNull();
        assertThat(fromEnvironment.network().environment()).as("only the proxy variables")
                .containsOnlyKeys("HTTPS_PROXY", "NO_PROXY");

        LaunchOptions given = LaunchOptions.parse(new String[] {"--proxy", "http://ada:s3cret@proxy.corp:3128",
            "--ca-file", ca.toString()}, Map.of("BELFRY_CA_FILE", "/nowhere.pem"));
        assertThat(given.network().proxy()).isEqualTo("http://ada:s3cret@proxy.corp:3128");
        assertThat(given.network().caFile()).isEqualTo(ca);
        assertThat(given.toString()).doesNotContain("s3cret");
        assertThat(LaunchOptions.parse(new String[] {"--proxy", "http://ada:s3cret@proxy.corp:3128"},
                Map.of("https_proxy", "http://bob:hunter2@proxy.corp:3128", "NO_PROXY", "localhost")).network()
                .secrets()).as("for the log's redactor").containsExactlyInAnyOrder("s3cret", "hunter2");
        assertThat(LaunchOptions.parse(new String[] {"--proxy", "none"}, Map.of()).network().proxy()).isEqualTo("none");

        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--ca-file", dir.resolve("missing.pem").toString()},
                Map.of())).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--proxy", "socks5://proxy:1080"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--proxy"}, Map.of()))
                .hasMessage("--proxy needs a value");
        assertThat(LaunchOptions.USAGE).contains("--ca-file").contains("--proxy");
    }

    @Test
    void theThemeIsGivenByItsNameOrLeftToThePreferences() {
        assertThat(LaunchOptions.parse(new String[] {"--theme", "dark"}, Map.of()).theme()).isEqualTo(Theme.DARK);
        assertThat(LaunchOptions.parse(new String[] {"--theme", "light"}, Map.of()).theme()).isEqualTo(Theme.LIGHT);
        assertThat(LaunchOptions.parse(new String[] {"--theme", "system"}, Map.of()).theme())
                .isEqualTo(Theme.SYSTEM);
        assertThat(LaunchOptions.parse(new String[0], Map.of()).theme()).as("not given").isNull();
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--theme", "Dark"}, Map.of()))
                .hasMessage("--theme must be light, dark or system, got 'Dark'");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--theme", "--demo"}, Map.of()))
                .hasMessage("--theme needs a value");
        assertThat(LaunchOptions.USAGE).contains("--theme light|dark|system");
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--server"}, Map.of()))
                .hasMessage("--server needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--max-notifications", "0"}, Map.of()))
                .hasMessage("--keep must be from 1 to 10000, got 0");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--keep", "10001"}, Map.of()))
                .hasMessage("--keep must be from 1 to 10000, got 10001");
        assertThat(LaunchOptions.parse(new String[] {"--keep", "10000"}, Map.of()).maxNotifications())
                .isEqualTo(10_000);
        assertThat(LaunchOptions.parse(new String[] {"--keep", "300"}, Map.of()).keep(250)).as("--keep wins")
                .isEqualTo(300);
        assertThat(LaunchOptions.parse(new String[0], Map.of()).keep(250)).as("then Preferences").isEqualTo(250);
        assertThat(LaunchOptions.parse(new String[0], Map.of()).keep(0)).as("then the default").isEqualTo(1_000);
        assertThat(LaunchOptions.parse(new String[0], Map.of()).keep(99_999)).isEqualTo(1_000);
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--token", "a", "--email", "b@c"}, Map.of()))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--what"}, Map.of()))
                .hasMessage("unknown option: --what");
    }

    @Test
    void autostartIsACommandAndMinimizedAFlag() {
        assertThat(LaunchOptions.parse(new String[] {"--autostart", "on"}, Map.of()).command())
                .isEqualTo(LaunchOptions.Command.AUTOSTART_ON);
        assertThat(LaunchOptions.parse(new String[] {"--autostart", "off"}, Map.of()).command())
                .isEqualTo(LaunchOptions.Command.AUTOSTART_OFF);
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--autostart", "On"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--autostart needs on or off, got 'On'");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--autostart", "--minimized"}, Map.of()))
                .hasMessage("--autostart needs a value");

        assertThat(LaunchOptions.parse(new String[0], Map.of()).minimized()).isFalse();
        LaunchOptions minimized = LaunchOptions.parse(new String[] {"--minimized"}, Map.of());
        assertThat(minimized.minimized()).isTrue();
        assertThat(minimized.command()).isEqualTo(LaunchOptions.Command.RUN);
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--smoke-test", "--minimized"}, Map.of()))
                .as("the smoke test measures the first frame").isInstanceOf(IllegalArgumentException.class);
        assertThat(LaunchOptions.USAGE).contains("--autostart on|off").contains("--minimized");
    }
}

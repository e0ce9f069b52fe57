package app.belfry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void theCommandLineDefaultsToPort3000AndTheDemoUser() {
        ServerOptions options = ServerOptions.parse();
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(3000);
        assertThat(options.users()).containsExactly(ServerOptions.DEMO_USER);
        assertThat(options.rateLimitPerMinute()).isEqualTo(100);
        assertThat(options.batchEnabled()).isTrue();
        assertThat(options.demoFeedSeconds()).isZero();
        assertThat(options.tls()).as("plain HTTP").isNull();
    }

    @Test
    void everyOptionIsRead() {
        ServerOptions options = ServerOptions.parse("--host", "0.0.0.0", "--port", "0", "--user", "ada@x.org:pa:ss",
                "--user", "grace@x.org:pw", "--admin-token", "secret", "--rate-limit", "10", "--no-batch",
                "--cors-origins", "http://a.test, http://b.test", "--demo-feed", "5",
                "--tls-cert", "tls/cert.pem", "--tls-key", "tls/key.pem");
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.port()).isZero();
        assertThat(options.users()).containsExactly(new UserAccount("ada@x.org", "pa:ss"),
                new UserAccount("grace@x.org", "pw"));
        assertThat(options.adminToken()).isEqualTo("secret");
        assertThat(options.rateLimitPerMinute()).isEqualTo(10);
        assertThat(options.batchEnabled()).isFalse();
        assertThat(options.corsOrigins()).containsExactly("http://a.test", "http://b.test");
        assertThat(options.demoFeedSeconds()).isEqualTo(5);
        assertThat(options.tls()).isEqualTo(new ServerOptions.Tls(Path.of("tls/cert.pem"), Path.of("tls/key.pem")));
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> ServerOptions.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "http")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ServerOptions.parse("--user", "ada")).hasMessageContaining("EMAIL:PASSWORD");
        assertThatThrownBy(() -> ServerOptions.parse("--rate-limit", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ServerOptions.parse("--frobnicate")).hasMessage("unknown option: --frobnicate");
        assertThatThrownBy(() -> ServerOptions.parse("--user", "a@x:1", "--user", "A@x:2"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ServerOptions.parse("--tls-cert", "cert.pem"))
                .hasMessage("--tls-cert needs --tls-key too");
        assertThatThrownBy(() -> ServerOptions.parse("--tls-key", "key.pem"))
                .hasMessage("--tls-key needs --tls-cert too");
        assertThatThrownBy(() -> ServerOptions.parse("--tls-cert", "--tls-key", "key.pem"))
                .hasMessage("--tls-cert needs a value");
    }

    @Test
    void neitherPasswordsNorTheAdminTokenAppearInToString() {
        ServerOptions options = ServerOptions.parse("--user", "ada@x.org:hunter2", "--admin-token", "s3cret");
        assertThat(options.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
        assertThatThrownBy(() -> UserAccount.parse("ada@x.org:")).message().doesNotContain("hunter2");
    }

    @Test
    void originsAreMatchedExactlyOrByStar() {
        ServerOptions options = ServerOptions.defaults().withCorsOrigins(List.of("http://a.test"));
        assertThat(options.allowsOrigin("http://a.test")).isTrue();
        assertThat(options.allowsOrigin("http://a.test.evil")).isFalse();
        assertThat(options.withCorsOrigins(List.of("*")).allowsOrigin("http://anything")).isTrue();
    }

    @Test
    void displayNamesComeFromTheEmail() {
        assertThat(UserDirectory.displayName("ada.lovelace@example.com")).isEqualTo("Ada Lovelace");
        assertThat(UserDirectory.displayName("demo@belfry.app")).isEqualTo("Demo");
    }
}

package app.belfry.persist;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.persist.CredentialStore.Stored;
import app.belfry.testing.PrivateSecretService;
import app.belfry.testing.PrivateSessionBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import app.belfry.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choice between the keychain and the file, on a private bus with and without a real gnome-keyring-daemon. */
class CredentialStoresTest {

    private static final Stored COOKIE = new Stored("http://localhost:3000", "cookie:better-auth.session_token",
            "s3cret");

    @TempDir
    Path dir;

    private Path data;
    private PrivateSessionBus bus;
    private PrivateSecretService keyring;
    private CredentialStore chosen;
    private final LogCapture log = new LogCapture(CredentialStores.LOGGER_NAME);

    @BeforeEach
    void start() throws Exception {
        log.start();
        data = Files.createDirectories(dir.resolve("data"));
        bus = PrivateSessionBus.start(Files.createDirectories(dir.resolve("bus")));
    }

    @AfterEach
    void stop() throws Exception {
        log.stop();
        if (chosen != null) {
            chosen.close();
        }
        if (keyring != null) {
            keyring.close();
        }
        bus.close();
    }

    @Test
    void withoutAKeychainTheFileIsUsedAndOneWarningSaysSo() {
        chosen = CredentialStores.choose(data, Clock.systemUTC(),
                () -> SecretServiceCredentialStore.connect(bus.address()));

        assertThat(chosen).isInstanceOf(FileCredentialStore.class);
        Path file = data.resolve("credentials.json");
        assertThat(warnings()).containsExactly(
                "No keychain answers here; the session is kept in " + file + ", readable by you only");
        chosen.save(COOKIE);
        assertThat(file).exists();
        assertThat(chosen.load()).hasValueSatisfying(back -> assertThat(back.secret()).isEqualTo("s3cret"));
    }

    @Test
    void aKeychainThatAnswersIsUsedWithoutAWarning() throws Exception {
        keyring = PrivateSecretService.start(bus, Files.createDirectories(dir.resolve("home")), true);
        chosen = CredentialStores.choose(data, Clock.systemUTC(),
                () -> SecretServiceCredentialStore.connect(bus.address()));

        assertThat(chosen).isInstanceOf(SecretServiceCredentialStore.class);
        assertThat(warnings()).isEmpty();
        chosen.save(COOKIE);
        assertThat(data.resolve("credentials.json")).doesNotExist();
    }

    @Test
    void aSecretLeftInTheFileMovesIntoTheKeychain() throws Exception {
        CredentialStores.file(data, Clock.systemUTC()).save(COOKIE);
        keyring = PrivateSecretService.start(bus, Files.createDirectories(dir.resolve("home")), true);

        chosen = CredentialStores.choose(data, Clock.systemUTC(),
                () -> SecretServiceCredentialStore.connect(bus.address()));

        assertThat(chosen).isInstanceOf(SecretServiceCredentialStore.class);
        assertThat(data.resolve("credentials.json")).doesNotExist();
        assertThat(chosen.load()).hasValueSatisfying(back -> {
            assertThat(back.server()).isEqualTo(COOKIE.server());
            assertThat(back.kind()).isEqualTo(COOKIE.kind());
            assertThat(back.secret()).isEqualTo("s3cret");
        });
        assertThat(warnings()).isEmpty();
        assertThat(log.lines()).noneMatch(line -> line.contains("s3cret"));
    }

    private List<String> warnings() {
        return log.warnings();
    }
}

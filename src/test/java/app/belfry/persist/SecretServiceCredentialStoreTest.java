package app.belfry.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.persist.CredentialStore.Stored;
import app.belfry.testing.PrivateSecretService;
import app.belfry.testing.PrivateSessionBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real gnome-keyring-daemon on a private bus. */
class SecretServiceCredentialStoreTest {

    private static final Stored COOKIE = new Stored("http://localhost:3000", "cookie:better-auth.session_token",
            "s3cret-ünïcode");
    private static final Stored TOKEN = new Stored("https://belfry.example", "token", "t0ken");

    @TempDir
    Path dir;

    private PrivateSessionBus bus;
    private PrivateSecretService keyring;
    private SecretServiceCredentialStore store;

    @BeforeEach
    void start() throws Exception {
        bus = PrivateSessionBus.start(Files.createDirectories(dir.resolve("bus")));
        keyring = PrivateSecretService.start(bus, Files.createDirectories(dir.resolve("home")), true);
        store = SecretServiceCredentialStore.connect(bus.address()).orElseThrow(
                () -> new AssertionError("no Secret Service on the private bus: " + keyring.log()));
    }

    @AfterEach
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (keyring != null) {
            keyring.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void whatIsSavedComesBack() {
        assertThat(store.load()).isEmpty();
        store.save(COOKIE);
        assertThat(store.load()).hasValueSatisfying(back -> {
            assertThat(back.server()).isEqualTo(COOKIE.server());
            assertThat(back.kind()).isEqualTo(COOKIE.kind());
            assertThat(back.secret()).isEqualTo(COOKIE.secret());
        });
    }

    @Test
    void aSecondStoreOnTheSameKeyringReadsIt() {
        store.save(TOKEN);
        try (SecretServiceCredentialStore other = SecretServiceCredentialStore.connect(bus.address()).orElseThrow()) {
            assertThat(other.load()).hasValueSatisfying(back -> assertThat(back.secret()).isEqualTo("t0ken"));
        }
    }

    @Test
    void savingAgainKeepsOneItem() throws Exception {
        store.save(COOKIE);
        store.save(TOKEN);
        assertThat(belfryItems()).hasSize(1);
        assertThat(store.load()).hasValueSatisfying(back -> {
            assertThat(back.server()).isEqualTo(TOKEN.server());
            assertThat(back.kind()).isEqualTo("token");
            assertThat(back.secret()).isEqualTo("t0ken");
        });
    }

    @Test
    void deleteLeavesNothing() throws Exception {
        store.save(COOKIE);
        store.delete();
        assertThat(store.load()).isEmpty();
        assertThat(belfryItems()).isEmpty();
        store.delete(); // nothing to delete is fine
    }

    @Test
    void aBusWithoutSecretServiceIsNoKeychain() throws Exception {
        keyring.close();
        store.close();
        store = null;
        assertThat(SecretServiceCredentialStore.connect(bus.address())).isEmpty();
    }

    @Test
    void noBusIsNoKeychain() {
        assertThat(SecretServiceCredentialStore.connect("unix:path=" + dir.resolve("no-such-socket"))).isEmpty();
    }

    @Test
    void aKeyringThatOnlyAPromptWouldOpenIsNoKeychain() throws Exception {
        store.save(COOKIE);
        store.close();
        store = null;
        keyring.close();
        // The same keyring files, no password: the login collection is there, locked.
        keyring = PrivateSecretService.start(bus, dir.resolve("home"), false);
        assertThat(SecretServiceCredentialStore.connect(bus.address())).isEmpty();
    }

    @Test
    void noSecretInWhatTheStoreSays() {
        store.save(COOKIE);
        assertThat(store.describe()).isEqualTo("the Secret Service keyring (GNOME Keyring, KWallet)");
        assertThat(store.load().orElseThrow().toString()).doesNotContain(COOKIE.secret());
        store.close();
        assertThatThrownBy(() -> store.save(COOKIE)).satisfies(e -> assertThat(String.valueOf(e.getMessage()))
                .doesNotContain(COOKIE.secret()));
    }

    /** Belfry's items, seen through a connection of the test's own. */
    private List<DBusPath> belfryItems() throws Exception {
        try (DBusConnection connection = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build()) {
            SecretServiceApi.Service service = connection.getRemoteObject(SecretServiceApi.BUS_NAME,
                    SecretServiceApi.SERVICE_PATH, SecretServiceApi.Service.class);
            var found = service.SearchItems(Map.of("application", "belfry"));
            return Optional.of(found.first()).map(unlocked -> {
                var all = new java.util.ArrayList<>(unlocked);
                all.addAll(found.second());
                return List.copyOf(all);
            }).orElseThrow();
        }
    }
}

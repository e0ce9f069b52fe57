package app.belfry.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.persist.CredentialStore.Stored;
import app.belfry.testing.LogCapture;
import com.github.javakeyring.PasswordAccessException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

class OsKeychainCredentialStoreTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(CredentialStores.LOGGER_NAME);

    /** A keychain in a map, with a switch to refuse writes, as a locked or full keychain would. */
    private static final class MapKeychain implements OsKeychainCredentialStore.Backend {
        final Map<String, String> entries = new HashMap<>();
        boolean refuseWrites;

        @Override
        public Optional<String> get(String service, String account) {
            return Optional.ofNullable(entries.get(service + "|" + account));
        }

        @Override
        public void set(String service, String account, String value) throws PasswordAccessException {
            if (refuseWrites) {
                throw new PasswordAccessException("Error code 5");
            }
            entries.put(service + "|" + account, value);
        }

        @Override
        public void delete(String service, String account) {
            entries.remove(service + "|" + account);
        }

        @Override
        public void close() {
        }
    }

    private final MapKeychain keychain = new MapKeychain();
    private final OsKeychainCredentialStore store = new OsKeychainCredentialStore(keychain, "the test keychain");
    private final Stored session = new Stored("https://notify.example.com", "cookie:sid", "s3cr3t-value");

    @Test
    void theSessionRoundTripsAsOneEntry() {
        assertThat(store.load()).isEmpty();
        store.save(session);
        assertThat(keychain.entries).containsOnlyKeys("Belfry|session");
        assertThat(store.load()).contains(session);

        store.save(new Stored("https://other.example.com", "token", "t0ken"));
        assertThat(keychain.entries).hasSize(1);
        assertThat(store.load()).contains(new Stored("https://other.example.com", "token", "t0ken"));

        store.delete();
        assertThat(store.load()).isEmpty();
        store.delete(); // nothing to delete is not an error
    }

    @Test
    void anEntryThatIsNotBelfrysIsNoSessionAndItsValueIsNeverLogged() {
        keychain.entries.put("Belfry|session", "hunter2-not-json");
        assertThat(store.load()).isEmpty();
        keychain.entries.put("Belfry|session", "{\"server\":\"https://x\",\"kind\":\"token\"}");
        assertThat(store.load()).isEmpty();

        assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line).doesNotContain("hunter2"));
    }

    @Test
    void aRefusedWriteThrowsSoThatTheFileStaysInUse() {
        keychain.refuseWrites = true;
        assertThatThrownBy(() -> store.save(session)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the test keychain").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void notFoundIsReadFromBothSystemsMessages() {
        assertThat(OsKeychainCredentialStore.isNotFound(new PasswordAccessException("Error code 1168"))).isTrue();
        assertThat(OsKeychainCredentialStore.isNotFound(
                new PasswordAccessException("No stored credentials match Belfry account: session"))).isTrue();
        assertThat(OsKeychainCredentialStore.isNotFound(new PasswordAccessException("Error code 5"))).isFalse();
    }

    @Test
    void whereNoSuchKeychainExistsConnectingSaysSoWithoutThrowing() {
        assertThat(OsKeychainCredentialStore.connect("Linux")).isEmpty();
        if (!OS.WINDOWS.isCurrentOs()) {
            assertThat(OsKeychainCredentialStore.connect("Windows 11")).isEmpty(); // JNA finds no Advapi32
        }
        if (!OS.MAC.isCurrentOs()) {
            assertThat(OsKeychainCredentialStore.connect("Mac OS X")).isEmpty();
        }
    }

    /** The real keychain, on the OSes that have one through java-keyring (the installers workflow runs this). */
    @Test
    @EnabledOnOs({OS.WINDOWS, OS.MAC})
    void theRealKeychainKeepsTheSession() {
        OsKeychainCredentialStore real = OsKeychainCredentialStore.connect().orElseThrow();
        try {
            Optional<Stored> before = real.load();
            real.save(session);
            assertThat(real.load()).contains(session);
            real.delete();
            assertThat(real.load()).isEmpty();
            before.ifPresent(real::save);
        } finally {
            real.close();
        }
    }
}

package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where each OS keeps its trusted authorities, read through fakes of its stores (Windows and macOS cannot run here):
 * Windows' {@code Windows-ROOT} key store; macOS's login keychain ({@code KeychainStore}) and its System keychain
 * through {@code security}; Linux's bundle. A store that cannot be read costs its certificates, never the start.
 */
class TrustedCertificatesTest {

    @TempDir
    static Path dir;
    private static X509Certificate company;
    private static X509Certificate other;
    private static String companyPem;
    private static String otherPem;

    @BeforeAll
    static void certificates() throws Exception {
        TestCertificates pki = new TestCertificates(dir);
        companyPem = Files.readString(pki.caCertificate());
        otherPem = Files.readString(pki.untrustedCaCertificate());
        company = TrustedCertificates.parsePem(companyPem).get(0);
        other = TrustedCertificates.parsePem(otherPem).get(0);
    }

    /** A fake OS: its key stores by type, its System keychain's PEM, its files. */
    private static final class FakeStores implements TrustedCertificates.SystemStores {
        final Map<String, List<X509Certificate>> keyStores;
        final String systemKeychain;
        final Map<Path, String> files;
        final List<String> asked = new ArrayList<>();

        FakeStores(Map<String, List<X509Certificate>> keyStores, String systemKeychain, Map<Path, String> files) {
            this.keyStores = keyStores;
            this.systemKeychain = systemKeychain;
            this.files = files;
        }

        @Override
        public List<X509Certificate> keyStore(String type) throws KeyStoreException {
            asked.add(type);
            List<X509Certificate> found = keyStores.get(type);
            if (found == null) {
                throw new KeyStoreException(type + " not found");
            }
            return found;
        }

        @Override
        public String macSystemKeychain() throws IOException {
            asked.add("security");
            if (systemKeychain == null) {
                throw new IOException("Cannot run program \"/usr/bin/security\"");
            }
            return systemKeychain;
        }

        @Override
        public String read(Path file) {
            return files.get(file);
        }

        @Override
        public boolean readable(Path file) {
            return files.containsKey(file);
        }
    }

    @Test
    void windowsReadsTheTrustedRootsOfTheCertificateStore() {
        FakeStores windows = new FakeStores(Map.of("Windows-ROOT", List.of(company)), null, Map.of());
        assertThat(TrustedCertificates.operatingSystemAuthorities("Windows 11", Map.of(), windows))
                .containsExactly(company);
        assertThat(windows.asked).containsExactly("Windows-ROOT");
    }

    @Test
    void macOsReadsTheLoginKeychainAndTheSystemKeychain() {
        FakeStores mac = new FakeStores(Map.of("KeychainStore", List.of(other)),
                "some text security prints\n" + companyPem, Map.of());
        assertThat(TrustedCertificates.operatingSystemAuthorities("Mac OS X", Map.of(), mac))
                .containsExactly(other, company);
        assertThat(mac.asked).containsExactly("KeychainStore", "security");
    }

    @Test
    void linuxReadsTheDistributionsBundle() {
        Path fedora = Path.of("/etc/pki/tls/certs/ca-bundle.crt");
        FakeStores linux = new FakeStores(Map.of(), null, Map.of(fedora, "# Company\n" + companyPem
                + "\n# Other\n" + otherPem));
        assertThat(TrustedCertificates.operatingSystemAuthorities("Linux", Map.of(), linux))
                .containsExactly(company, other);
    }

    @Test
    void aStoreThatCannotBeReadCostsItsCertificatesOnly() {
        FakeStores broken = new FakeStores(Map.of(), null, Map.of());
        assertThat(TrustedCertificates.operatingSystemAuthorities("Windows 10", Map.of(), broken)).isEmpty();
        assertThat(TrustedCertificates.operatingSystemAuthorities("Mac OS X", Map.of(), broken)).isEmpty();
        assertThat(TrustedCertificates.operatingSystemAuthorities("Linux", Map.of(), broken)).isEmpty();
    }

    @Test
    void theTrustedSetIsTheRuntimesTheSystemsAndTheCaFiles() throws Exception {
        Path ca = Files.writeString(dir.resolve("company.pem"), companyPem);
        List<X509Certificate> accepted = List.of(TrustedCertificates.trust(ca).trustManager().getAcceptedIssuers());
        assertThat(accepted).contains(company).doesNotContain(other);
        assertThat(accepted).containsAll(TrustedCertificates.runtimeAuthorities());
    }

    @Test
    void theSystemsBundleIsFoundWhereTheDistributionKeepsIt() {
        assertThat(TrustedCertificates.linuxBundle(java.util.Map.of(), p -> p.toString().equals(
                "/etc/pki/tls/certs/ca-bundle.crt"))).hasToString("/etc/pki/tls/certs/ca-bundle.crt");
        assertThat(TrustedCertificates.linuxBundle(java.util.Map.of("SSL_CERT_FILE", "/opt/ca.pem"), p -> true))
                .hasToString("/opt/ca.pem");
        assertThat(TrustedCertificates.linuxBundle(java.util.Map.of(), p -> false)).isNull();
        if (Files.isReadable(Path.of("/etc/ssl/certs/ca-certificates.crt"))) {
            assertThat(TrustedCertificates.operatingSystemAuthorities("Linux", java.util.Map.of()))
                    .as("Debian's bundle, read").hasSizeGreaterThan(50);
        }
    }
}

package app.belfry.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities Belfry trusts: the Java runtime's own, the operating system's, and those of a CA file
 * the user gives ({@code --ca-file}, {@code BELFRY_CA_FILE}, or the sign-in view). Certificates are always checked
 * against them and host names always verified (OkHttp's verifier); there is no way to switch either off.
 *
 * <p>Why the OS store too: the installed app's runtime carries its own fixed list, so a company's CA that IT has
 * installed in the OS would not be trusted by it, and on Windows and macOS Java does not read the OS store unless
 * asked. Where each OS keeps it:
 * <ul>
 * <li>Linux: the system bundle, at the first of the distributions' paths that exists ({@link #LINUX_BUNDLES}), or
 * {@code SSL_CERT_FILE} when set, as OpenSSL reads it;
 * <li>Windows: the {@code Windows-ROOT} key store (the user's and the machine's trusted roots);
 * <li>macOS: the {@code KeychainStore} key store (the login keychain) and the System keychain, where device
 * management installs a company's CA, read with {@code security find-certificate}.
 * </ul>
 * The runtime's and the OS's authorities are read once per process (a few hundred certificates); a CA file is read
 * anew for each session and sign-in, so that a file the user fixed counts at the next one.
 */
public final class TrustedCertificates {

    /** Where Linux distributions keep the system's bundle, in the order looked at. */
    static final List<String> LINUX_BUNDLES = List.of(
            "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Arch, Gentoo
            "/etc/pki/tls/certs/ca-bundle.crt", // Fedora, RHEL, CentOS
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // RHEL 7 and later
            "/etc/ssl/ca-bundle.pem", // openSUSE
            "/etc/ssl/cert.pem"); // Alpine

    private static final System.Logger LOG = System.getLogger(TrustedCertificates.class.getName());
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (?:TRUSTED |X509 )?CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END (?:TRUSTED |X509 )?CERTIFICATE-----");

    private static volatile List<X509Certificate> systemAuthorities;

    /** A trust manager and the socket factory built on it, for OkHttp. */
    public record Trust(SSLContext context, X509TrustManager trustManager) {
    }

    private TrustedCertificates() {
    }

    /**
     * The runtime's and the OS's authorities, plus those of {@code caFile} (null: none).
     *
     * @throws IllegalArgumentException with a message fit to show when the CA file cannot be used
     */
    public static Trust trust(Path caFile) {
        List<X509Certificate> authorities = new ArrayList<>(systemAuthorities());
        if (caFile != null) {
            authorities.addAll(readCaFile(caFile));
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate authority : authorities) {
                store.setCertificateEntry("ca-" + i++, authority);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            X509TrustManager manager = x509(factory.getTrustManagers());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            return new Trust(context, manager);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up the trusted certificate authorities: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a CA file as {@link #trust} will use it.
     *
     * @throws IllegalArgumentException with a message fit to show: missing, unreadable, or holding no certificate
     */
    public static List<X509Certificate> readCaFile(Path caFile) {
        String text;
        try {
            text = Files.readString(caFile, StandardCharsets.ISO_8859_1); // PEM is ASCII; never fail on a stray byte
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("The CA file " + caFile + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("The CA file " + caFile + " cannot be read: " + e.getMessage());
        }
        List<X509Certificate> certificates;
        try {
            certificates = parsePem(text);
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The CA file " + caFile + " holds a certificate that cannot be read: "
                    + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("The CA file " + caFile
                    + " holds no certificate: give a PEM file (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** Every certificate of a PEM text; text between them (a bundle's comments) is passed over. */
    static List<X509Certificate> parsePem(String text) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> result = new ArrayList<>();
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            result.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return result;
    }

    /** The runtime's and the OS's authorities, read once. */
    static List<X509Certificate> systemAuthorities() {
        List<X509Certificate> known = systemAuthorities;
        if (known == null) {
            synchronized (TrustedCertificates.class) {
                known = systemAuthorities;
                if (known == null) {
                    long start = System.nanoTime();
                    Map<String, X509Certificate> unique = new LinkedHashMap<>();
                    runtimeAuthorities().forEach(c -> unique.putIfAbsent(key(c), c));
                    int runtime = unique.size();
                    operatingSystemAuthorities(System.getProperty("os.name", ""), System.getenv())
                            .forEach(c -> unique.putIfAbsent(key(c), c));
                    known = List.copyOf(unique.values());
                    systemAuthorities = known;
                    LOG.log(Level.INFO, "Trusting {0} certificate authorities: {1} of the runtime, {2} more of the "
                            + "system ({3} ms)", known.size(), runtime, known.size() - runtime,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
            }
        }
        return known;
    }

    private static String key(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + "/" + certificate.getSerialNumber();
    }

    static List<X509Certificate> runtimeAuthorities() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return List.of(x509(factory.getTrustManagers()).getAcceptedIssuers());
        } catch (GeneralSecurityException e) {
            LOG.log(Level.WARNING, "Cannot read the runtime''s certificate authorities: {0}", e.toString());
            return List.of();
        }
    }

    /** Where the OS keeps its authorities; the real ones, or fakes in tests. */
    interface SystemStores {
        /** The certificates of a key store of the runtime's providers ({@code Windows-ROOT}, {@code KeychainStore}). */
        List<X509Certificate> keyStore(String type) throws GeneralSecurityException, IOException;

        /** The PEM text that {@code security find-certificate -a -p} prints for macOS's System keychain. */
        String macSystemKeychain() throws IOException;

        /** A file's text (Linux's bundle). */
        String read(Path file) throws IOException;

        boolean readable(Path file);
    }

    /** The OS's trusted authorities; none (and one line in the log) where they cannot be read. */
    static List<X509Certificate> operatingSystemAuthorities(String osName, Map<String, String> env) {
        return operatingSystemAuthorities(osName, env, REAL_STORES);
    }

    static List<X509Certificate> operatingSystemAuthorities(String osName, Map<String, String> env,
            SystemStores stores) {
        String os = osName.toLowerCase(Locale.ROOT);
        try {
            if (os.startsWith("windows")) {
                return stores.keyStore("Windows-ROOT");
            } else if (os.startsWith("mac")) {
                List<X509Certificate> result = new ArrayList<>(stores.keyStore("KeychainStore"));
                result.addAll(parsePem(stores.macSystemKeychain()));
                return result;
            } else {
                Path bundle = linuxBundle(env, stores::readable);
                return bundle == null ? List.of() : parsePem(stores.read(bundle));
            }
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the system''s certificate authorities: {0}", e.toString());
            return List.of();
        }
    }

    /** {@code SSL_CERT_FILE} when set and readable, else the first of {@link #LINUX_BUNDLES} that is; else null. */
    static Path linuxBundle(Map<String, String> env, java.util.function.Predicate<Path> readable) {
        String given = env.get("SSL_CERT_FILE");
        if (given != null && !given.isBlank() && readable.test(Path.of(given))) {
            return Path.of(given);
        }
        return LINUX_BUNDLES.stream().map(Path::of).filter(readable).findFirst().orElse(null);
    }

    private static final SystemStores REAL_STORES = new SystemStores() {
        @Override
        public List<X509Certificate> keyStore(String type) throws GeneralSecurityException, IOException {
            return TrustedCertificates.keyStore(type);
        }

        @Override
        public String macSystemKeychain() throws IOException {
            return TrustedCertificates.macSystemKeychain();
        }

        @Override
        public String read(Path file) throws IOException {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        }

        @Override
        public boolean readable(Path file) {
            return Files.isReadable(file);
        }
    };

    private static List<X509Certificate> keyStore(String type) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        List<X509Certificate> result = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate certificate = store.getCertificate(alias);
            if (certificate instanceof X509Certificate x509) {
                result.add(x509);
            }
        }
        return result;
    }

    /** macOS's System keychain, where IT installs a company's CA; Java's KeychainStore reads only the login one. */
    private static String macSystemKeychain() throws IOException {
        Process process = new ProcessBuilder("/usr/bin/security", "find-certificate", "-a", "-p",
                "/Library/Keychains/System.keychain").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }
}

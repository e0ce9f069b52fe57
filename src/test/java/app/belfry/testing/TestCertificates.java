package app.belfry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A private certificate authority for TLS tests, writing PEM files into a folder: the CA's certificate (for the
 * client to trust), and server certificates it signed, each with its private key (for {@code --tls-cert} and
 * {@code --tls-key}). Keys are EC P-256, which take a millisecond to make; each file is made once, when first asked
 * for. A second, unrelated CA stands for "a CA the client does not trust".
 *
 * <p>Everything is signed through the JDK's own providers; BouncyCastle only builds the certificates and writes
 * the PEM (and encrypts the one encrypted key), so no provider is installed globally.
 */
public final class TestCertificates {

    /** A server certificate file (the server's first, then any intermediates) and its private key file. */
    public record ServerFiles(Path certificate, Path key) {
    }

    private static final List<GeneralName> LOCALHOST = List.of(new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final Authority ca;
    private final Map<String, Object> made = new HashMap<>();

    /** A CA that signs certificates and says so; {@code file} is its certificate in PEM. */
    private record Authority(KeyPair keys, X509Certificate certificate, Path file) {
    }

    /** Makes the CA at once; everything else when first asked for. */
    public TestCertificates(Path folder) {
        this.folder = folder;
        this.ca = newAuthority("ca.pem", "CN=Belfry Test CA");
    }

    /** The test CA's certificate: what a client trusts to accept the servers' certificates below. */
    public Path caCertificate() {
        return ca.file();
    }

    /** A CA that signed none of the servers' certificates: trusting it alone, a client refuses them all. */
    public synchronized Path untrustedCaCertificate() {
        return cached("untrusted-ca", () -> newAuthority("untrusted-ca.pem", "CN=Belfry Unrelated Test CA")).file();
    }

    /** Valid now, for {@code localhost} and {@code 127.0.0.1}; the key in PKCS#8. */
    public synchronized ServerFiles localhost() {
        return server("localhost", LOCALHOST, Duration.ofHours(-1), Duration.ofDays(1));
    }

    /** Valid now, but only for {@code wrong.example}: a client that checks the host name refuses it. */
    public synchronized ServerFiles wrongName() {
        return server("wrong-name", List.of(new GeneralName(GeneralName.dNSName, "wrong.example")),
                Duration.ofHours(-1), Duration.ofDays(1));
    }

    /** For {@code localhost} and {@code 127.0.0.1}, but expired yesterday. */
    public synchronized ServerFiles expired() {
        return server("expired", LOCALHOST, Duration.ofDays(-30), Duration.ofDays(-1));
    }

    /**
     * For {@code localhost} and {@code 127.0.0.1}, signed by an intermediate CA that the test CA signed: the
     * certificate file holds the server's certificate, then the intermediate's.
     */
    public synchronized ServerFiles localhostViaIntermediate() {
        return cached("via-intermediate", () -> {
            KeyPair intermediateKeys = newEcKeys();
            X509Certificate intermediate = sign(ca, new X500Name("CN=Belfry Test Intermediate CA"),
                    intermediateKeys, true, List.of(), Duration.ofHours(-1), Duration.ofDays(1));
            KeyPair keys = newEcKeys();
            X509Certificate certificate = sign(new Authority(intermediateKeys, intermediate, null),
                    new X500Name("CN=localhost"), keys, false, LOCALHOST, Duration.ofHours(-1), Duration.ofDays(1));
            return new ServerFiles(writePem("via-intermediate.pem", certificate, intermediate),
                    writePem("via-intermediate-key.pem", new JcaPKCS8Generator(keys.getPrivate(), null)));
        });
    }

    /** For {@code localhost}: an RSA key (2048 bits, slower to make), written in OpenSSL's old PKCS#1 format. */
    public synchronized ServerFiles localhostRsaPkcs1() {
        return cached("rsa-pkcs1", () -> {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = sign(ca, new X500Name("CN=localhost"), keys, false, LOCALHOST,
                    Duration.ofHours(-1), Duration.ofDays(1));
            // JcaPEMWriter writes a bare key in the traditional format: BEGIN RSA PRIVATE KEY.
            return new ServerFiles(writePem("rsa-pkcs1.pem", certificate),
                    writePem("rsa-pkcs1-key.pem", keys.getPrivate()));
        });
    }

    /**
     * {@link #localhost()}'s certificate, with its key in SEC1 ({@code BEGIN EC PRIVATE KEY}) as
     * {@code openssl ecparam -genkey} writes it: with the curve's name and the public key.
     */
    public synchronized ServerFiles localhostEcSec1() {
        return cached("ec-sec1", () -> {
            KeyPair keys = localhostKeys();
            // The JDK's own PKCS#8 encoding leaves both out of the inner SEC1 structure, so it is built here.
            PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
            BigInteger secret = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS();
            ECPrivateKey sec1 = new ECPrivateKey(256, secret,
                    SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData(),
                    pkcs8.getPrivateKeyAlgorithm().getParameters());
            return new ServerFiles(localhost().certificate(),
                    writePem("ec-sec1-key.pem", new PemObject("EC PRIVATE KEY", sec1.getEncoded())));
        });
    }

    /** {@link #localhost()}'s key, encrypted with a password ({@code BEGIN ENCRYPTED PRIVATE KEY}). */
    public synchronized Path localhostEncryptedKey() {
        return cached("encrypted-key", () -> writePem("encrypted-key.pem", new JcaPKCS8Generator(
                localhostKeys().getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                        .setProvider(new BouncyCastleProvider()) // the JDK lacks the padding's name
                        .setPassword("test-only".toCharArray())
                        .build())));
    }

    /** An SSLContext for a client that trusts the CA in {@code caCertificate} alone. */
    public static SSLContext clientTrusting(Path caCertificate) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(caCertificate)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust manager that trusts the CA in {@code caCertificate} alone (OkHttp wants it beside the context). */
    public static X509TrustManager trustManager(Path caCertificate) {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private ServerFiles server(String name, List<GeneralName> names, Duration notBefore, Duration notAfter) {
        return cached(name, () -> {
            KeyPair keys = name.equals("localhost") ? localhostKeys() : newEcKeys();
            X500Name subject = new X500Name("CN=" + names.get(0).getName()); // the first name: a DNS name
            X509Certificate certificate = sign(ca, subject, keys, false, names, notBefore, notAfter);
            return new ServerFiles(writePem(name + ".pem", certificate),
                    writePem(name + "-key.pem", new JcaPKCS8Generator(keys.getPrivate(), null)));
        });
    }

    /** One key pair for {@link #localhost()}, so that its key can also be written in other formats. */
    private KeyPair localhostKeys() {
        return cached("localhost-keys", TestCertificates::newEcKeys);
    }

    private interface Maker<T> {
        T make() throws Exception;
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> T cached(String name, Maker<T> maker) {
        Object value = made.get(name);
        if (value == null) {
            try {
                value = maker.make();
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the test certificate " + name, e);
            }
            made.put(name, value);
        }
        return (T) value;
    }

    private Authority newAuthority(String file, String subject) {
        KeyPair keys = newEcKeys();
        X500Name name = new X500Name(subject);
        try {
            X509Certificate selfSigned = sign(name, keys, name, keys, true, List.of(), Duration.ofHours(-1),
                    Duration.ofDays(1));
            return new Authority(keys, selfSigned, writePem(file, selfSigned));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the test CA " + subject, e);
        }
    }

    private static KeyPair newEcKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(Authority issuer, X500Name subject, KeyPair subjectKeys, boolean isCa,
            List<GeneralName> names, Duration notBefore, Duration notAfter)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        return sign(issuerName, issuer.keys(), subject, subjectKeys, isCa, names, notBefore, notAfter);
    }

    private static X509Certificate sign(X500Name issuerName, KeyPair issuerKeys, X500Name subject,
            KeyPair subjectKeys, boolean isCa, List<GeneralName> names, Duration notBefore, Duration notAfter)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.plus(notBefore)),
                Date.from(now.plus(notAfter)), subject, subjectKeys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        if (isCa) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            boolean rsa = subjectKeys.getPublic().getAlgorithm().equals("RSA");
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(rsa
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
        }
        // Every CA here has an EC key.
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private Path writePem(String name, Object... objects) throws IOException {
        Path file = folder.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        }
        return file;
    }
}

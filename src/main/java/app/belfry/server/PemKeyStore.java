package app.belfry.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's certificate chain and private key, read from the PEM files that certbot, mkcert or openssl write,
 * as the in-memory PKCS#12 key store that netty-socketio's {@code Configuration} takes. The JDK reads DER keys only,
 * so the PEM armour, and the older PKCS#1 (RSA) and SEC1 (EC) key formats, are undone here.
 *
 * <p>Every problem is an {@link IllegalArgumentException} whose one-line message names the file and what is wrong,
 * so that a bad file stops the server at start instead of failing each client's handshake.
 */
final class PemKeyStore {

    static final String FORMAT = "PKCS12";

    private static final System.Logger LOG = System.getLogger(PemKeyStore.class.getName());
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String KEY_FORMATS = "expected -----BEGIN PRIVATE KEY----- (PKCS#8), "
            + "-----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----";

    // DER of the AlgorithmIdentifiers that wrap the older key formats into PKCS#8.
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private final byte[] pkcs12;
    private final String password;

    private PemKeyStore(byte[] pkcs12, String password) {
        this.pkcs12 = pkcs12;
        this.password = password;
    }

    /** Reads both files and checks that the key is the certificate's; throws with a message fit for the user. */
    static PemKeyStore read(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = readChain(certificateFile);
        PrivateKey key = readKey(keyFile);
        if (!matches(key, chain.get(0).getPublicKey())) {
            boolean laterInChain = chain.stream().skip(1).anyMatch(c -> matches(key, c.getPublicKey()));
            throw new IllegalArgumentException("TLS key " + keyFile + " does not match the certificate in "
                    + certificateFile + (laterInChain ? " (it matches a later one: put the server's certificate first)"
                    : ""));
        }
        warnIfOutOfDate(chain.get(0), certificateFile);
        // Only this process ever reads the store, from memory: the password protects nothing, but PKCS#12 wants one.
        String password = HexFormat.of().formatHex(randomBytes(16));
        try {
            KeyStore store = KeyStore.getInstance(FORMAT);
            store.load(null, null);
            store.setKeyEntry("server", key, password.toCharArray(), chain.toArray(new X509Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return new PemKeyStore(out.toByteArray(), password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a key store from " + certificateFile + " and " + keyFile, e);
        }
    }

    /** A fresh stream over the key store, for one {@code Configuration} (which reads it once, at start). */
    InputStream open() {
        return new ByteArrayInputStream(pkcs12);
    }

    String password() {
        return password;
    }

    private static List<X509Certificate> readChain(Path file) {
        String what = "TLS certificate " + file;
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file, what)) {
                if (block.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.der(what))));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(what + ": not a valid X.509 certificate (" + e.getMessage() + ")", e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(what + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey readKey(Path file) {
        String what = "TLS key " + file;
        Block block = blocks(file, what).stream()
                .filter(b -> b.label().endsWith("PRIVATE KEY"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(what + ": no private key in it (" + KEY_FORMATS + ")"));
        if (block.label().equals("ENCRYPTED PRIVATE KEY") || block.isEncrypted()) {
            throw new IllegalArgumentException(what + ": the key is encrypted; give it unencrypted "
                    + "(openssl pkey -in KEY -out PLAIN.pem)");
        }
        byte[] pkcs8 = switch (block.label()) {
            case "PRIVATE KEY" -> block.der(what);
            case "RSA PRIVATE KEY" -> sequence(VERSION_0, RSA_ALGORITHM, tlv(0x04, block.der(what)));
            case "EC PRIVATE KEY" -> ecToPkcs8(block.der(what), what);
            default -> throw new IllegalArgumentException(what + ": " + block.label() + " is not a supported format ("
                    + KEY_FORMATS + ")");
        };
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // not this algorithm's key; try the next
            }
        }
        throw new IllegalArgumentException(what + ": not a valid RSA or EC private key");
    }

    /**
     * SEC1's ECPrivateKey names its curve in the optional {@code [0]} field; PKCS#8 wants the curve in the
     * AlgorithmIdentifier instead, and keeps the SEC1 structure as it is inside.
     */
    private static byte[] ecToPkcs8(byte[] sec1, String what) {
        try {
            Der key = Der.read(sec1, 0);
            Der field = key.firstChild();
            while (field.end() < key.end() && field.tag() != 0xA0) {
                field = Der.read(sec1, field.end());
            }
            if (field.tag() != 0xA0) {
                throw new IllegalArgumentException(what + ": the EC key does not name its curve");
            }
            byte[] curve = Arrays.copyOfRange(sec1, field.contentStart(), field.end());
            return sequence(VERSION_0, sequence(EC_PUBLIC_KEY_OID, curve), tlv(0x04, sec1));
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(what + ": not a valid EC private key", e);
        }
    }

    /** Whether the key signs what the public key verifies: true only for the two halves of one key pair. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "belfry".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. keys on different curves
        }
    }

    /** Clients refuse such a certificate; the server still starts, since tests (and demos of the refusal) want it. */
    private static void warnIfOutOfDate(X509Certificate certificate, Path file) {
        Date now = new Date();
        if (now.after(certificate.getNotAfter())) {
            LOG.log(Level.WARNING, "TLS certificate {0} expired on {1}: clients will refuse it", file,
                    certificate.getNotAfter().toInstant());
        } else if (now.before(certificate.getNotBefore())) {
            LOG.log(Level.WARNING, "TLS certificate {0} is not valid before {1}: clients will refuse it", file,
                    certificate.getNotBefore().toInstant());
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static List<Block> blocks(Path file, String what) {
        String text;
        try {
            // Latin-1 reads any bytes: a binary (DER) file then fails as "no certificate", not as a decoding error.
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(what + ": permission denied", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read it (" + e.getMessage() + ")", e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1), matcher.group(2)));
        }
        return blocks;
    }

    /** One {@code -----BEGIN LABEL-----} … {@code -----END LABEL-----} section, with its optional headers. */
    private record Block(String label, String body) {

        /** OpenSSL's traditional format encrypts in place and says so in a header. */
        boolean isEncrypted() {
            return body.contains("Proc-Type: 4,ENCRYPTED");
        }

        byte[] der(String what) {
            String base64 = body.lines().filter(line -> !line.contains(":")).reduce("", String::concat);
            try {
                return Base64.getMimeDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": the " + label + " is not valid base64", e);
            }
        }
    }

    /** One DER element in {@code source}: its tag, where its content starts, and where it ends. */
    private record Der(byte[] source, int tag, int contentStart, int end) {

        static Der read(byte[] source, int offset) {
            int tag = source[offset] & 0xFF;
            int length = source[offset + 1] & 0xFF;
            int contentStart = offset + 2;
            if (length >= 0x80) { // long form: the low bits count the length's own bytes
                int lengthBytes = length & 0x7F;
                if (lengthBytes == 0 || lengthBytes > 3) {
                    throw new IndexOutOfBoundsException("not a DER length");
                }
                length = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    length = (length << 8) | (source[contentStart++] & 0xFF);
                }
            }
            if (length < 0 || contentStart + length > source.length) {
                throw new IndexOutOfBoundsException("DER length beyond the data");
            }
            return new Der(source, tag, contentStart, contentStart + length);
        }

        Der firstChild() {
            return read(source, contentStart);
        }
    }

    private static byte[] sequence(byte[]... elements) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] element : elements) {
            content.writeBytes(element);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int lengthBytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | lengthBytes);
            for (int i = lengthBytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}

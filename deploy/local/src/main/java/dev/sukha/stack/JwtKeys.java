package dev.sukha.stack;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The local stack's token key: an RSA pair generated on first start under
 * {@code <data>/keys} (never committed). Services verify with the public half.
 */
public final class JwtKeys {

    /** The issuer of local tokens; services expect it in {@code mp.jwt.verify.issuer}. */
    public static final String ISSUER = "https://sukha.local/stack";

    private final Path privateKey;
    private final Path publicKey;

    private JwtKeys(Path dir) {
        this.privateKey = dir.resolve("private.pem");
        this.publicKey = dir.resolve("public.pem");
    }

    public static JwtKeys loadOrCreate(Path dir) {
        JwtKeys keys = new JwtKeys(dir);
        if (!Files.exists(keys.privateKey) || !Files.exists(keys.publicKey)) {
            keys.generate();
        }
        return keys;
    }

    /** Reads an existing pair; fails with a clear message when the stack never ran. */
    public static JwtKeys existing(Path dir) {
        JwtKeys keys = new JwtKeys(dir);
        if (!Files.exists(keys.privateKey)) {
            throw new IllegalStateException("No signing key at " + keys.privateKey
                    + ": start the stack once (./run) to generate it.");
        }
        return keys;
    }

    public Path publicKeyFile() {
        return publicKey;
    }

    public Path privateKeyFile() {
        return privateKey;
    }

    /** A token for {@code user} with the role {@code user} plus {@code roles}. */
    public String token(String user, List<String> roles, Duration validFor) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add("user");
        groups.addAll(roles);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setStringListClaim("groups", List.copyOf(groups));
        claims.setIssuedAtToNow();
        org.jose4j.jwt.NumericDate expires = org.jose4j.jwt.NumericDate.now();
        expires.addSeconds(validFor.toSeconds());
        claims.setExpirationTime(expires);
        claims.setGeneratedJwtId();
        return sign(claims);
    }

    /** Any claims, signed with the stack's key: for tests of tokens shaped as other providers make them. */
    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(readPrivateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    private PrivateKey readPrivateKey() {
        try {
            String pem = Files.readString(privateKey, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable signing key " + privateKey, e);
        }
    }

    private void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(privateKey.getParent());
            writePem(privateKey, "PRIVATE KEY", pair.getPrivate().getEncoded());
            writePem(publicKey, "PUBLIC KEY", pair.getPublic().getEncoded());
            try {
                Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: nothing more we can do
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }
}

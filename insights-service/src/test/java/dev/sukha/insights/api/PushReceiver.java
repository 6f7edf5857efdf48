package dev.sukha.insights.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A push service on this machine that speaks the Web Push protocol as a browser's would: each browser it makes has a
 * key pair and an authentication secret (what {@code PushSubscription} holds); a push is accepted only with a VAPID
 * token signed by the key it names (RFC 8292), and its payload is decrypted with the browser's keys (RFC 8291,
 * aes128gcm). What arrived, decrypted, is kept per browser.
 */
final class PushReceiver implements AutoCloseable {

    /** A push as the browser would get it. */
    record Push(String browser, String payload, String vapidKey, String audience) {
    }

    /** A browser's subscription: its endpoint and keys, as {@code PushSubscription.toJSON()} gives them. */
    final class Browser {
        final String id;
        final KeyPair keys;
        final byte[] auth = new byte[16];

        Browser(String id) throws GeneralSecurityException {
            this.id = id;
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            keys = g.generateKeyPair();
            new SecureRandom().nextBytes(auth);
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/push/" + id;
        }

        Map<String, Object> subscription() {
            return Map.of("endpoint", endpoint(), "keys", Map.of("p256dh", b64(uncompressed((ECPublicKey) keys.getPublic())),
                    "auth", b64(auth)));
        }

        List<Push> pushes() {
            return received.stream().filter(p -> p.browser().equals(id)).toList();
        }
    }

    private final HttpServer server;
    private final Map<String, Browser> browsers = new ConcurrentHashMap<>();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    final List<Push> received = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();

    PushReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/push/", this::handle);
        server.start();
    }

    Browser browser(String id) throws GeneralSecurityException {
        Browser b = new Browser(id);
        browsers.put(id, b);
        return b;
    }

    /** From now on, pushes to this browser are answered with {@code status} (410: the subscription is gone). */
    void answer(Browser b, int status) {
        answers.put(b.id, status);
    }

    private void handle(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getPath().substring("/push/".length());
        byte[] body = ex.getRequestBody().readAllBytes();
        int status = answers.getOrDefault(id, 201);
        try {
            Browser b = browsers.get(id);
            if (b == null) {
                status = 404;
            } else if (status == 201) {
                String[] vapid = vapid(ex.getRequestHeaders().getFirst("Authorization"));
                if (!"aes128gcm".equals(ex.getRequestHeaders().getFirst("Content-Encoding")) || ex.getRequestHeaders().getFirst("TTL") == null) {
                    throw new GeneralSecurityException("not an RFC 8291 request");
                }
                received.add(new Push(id, new String(decrypt(b, body), StandardCharsets.UTF_8), vapid[0], vapid[1]));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            refused.add(id + ": " + e);
            status = 400;
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    /** Checks the VAPID token's signature against the key sent with it; answers that key and the token's audience. */
    private static String[] vapid(String header) throws GeneralSecurityException {
        if (header == null || !header.startsWith("vapid ")) {
            throw new GeneralSecurityException("no VAPID authorization");
        }
        String token = null;
        String key = null;
        for (String part : header.substring(6).split(",")) {
            String p = part.trim();
            if (p.startsWith("t=")) {
                token = p.substring(2);
            } else if (p.startsWith("k=")) {
                key = p.substring(2);
            }
        }
        String[] jwt = token.split("\\.");
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(publicKey(unb64(key)));
        es256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        if (!es256.verify(unb64(jwt[2]))) {
            throw new GeneralSecurityException("VAPID signature does not verify");
        }
        String claims = new String(unb64(jwt[1]), StandardCharsets.UTF_8);
        String aud = claims.replaceAll(".*\"aud\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return new String[]{key, aud};
    }

    /** RFC 8291: the content-encryption key and nonce from ECDH with the sender's key and the browser's secret. */
    private static byte[] decrypt(Browser b, byte[] body) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        in.getInt(); // record size
        byte[] senderKey = new byte[in.get() & 0xff];
        in.get(senderKey);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);

        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(b.keys.getPrivate());
        ecdh.doPhase(publicKey(senderKey), true);
        byte[] secret = ecdh.generateSecret();
        byte[] uaPublic = uncompressed((ECPublicKey) b.keys.getPublic());
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, senderKey);
        byte[] ikm = hkdf(b.auth, secret, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] plain = aes.doFinal(ciphertext);
        // The last record ends with the delimiter 2, then any zero padding.
        int end = plain.length - 1;
        while (end >= 0 && plain[end] == 0) {
            end--;
        }
        if (end < 0 || plain[end] != 2) {
            throw new GeneralSecurityException("no last-record delimiter");
        }
        return Arrays.copyOf(plain, end);
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        return Arrays.copyOf(mac.doFinal(concat(info, new byte[]{1})), length);
    }

    private static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        var params = ((ECPublicKey) g.generateKeyPair().getPublic()).getParams();
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params));
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        byte[] x = key.getW().getAffineX().toByteArray();
        byte[] y = key.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), out, 1 + Math.max(0, 32 - x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), out, 33 + Math.max(0, 32 - y.length), Math.min(32, y.length));
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unb64(String s) {
        return Base64.getUrlDecoder().decode(s.replace("=", ""));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

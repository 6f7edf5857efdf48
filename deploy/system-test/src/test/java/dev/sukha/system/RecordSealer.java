package dev.sukha.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.InsertManyOptions;
import dev.sukha.stack.SharedStack;
import org.bson.Document;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seals records as session-service does ({@code practice-event.v2.json}), from the contract: a
 * key per person in {@code sukha-keys}, wrapped by the stack's key-encrypting key; AES-256-GCM
 * with the contract's associated data. For loading sealed records onto a topic directly.
 */
final class RecordSealer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Object[]> keys = new HashMap<>();
    private final List<Document> newKeys = new ArrayList<>();
    private final String kekId;
    private final SecretKey kek;

    RecordSealer() throws Exception {
        String line = Files.readAllLines(SharedStack.get().recordKeys()).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow();
        String[] parts = line.split(":", 2);
        kekId = parts[0];
        kek = new SecretKeySpec(Base64.getDecoder().decode(parts[1].strip()), "AES");
    }

    /** The record sealed with its person's key (made on first use; stored on {@link #close}). */
    String seal(String user, String eventId, String plainRecord) {
        try {
            Object[] key = keys.get(user);
            if (key == null) {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256);
                SecretKey secret = generator.generateKey();
                String keyId = UUID.randomUUID().toString();
                key = new Object[]{keyId, secret};
                keys.put(user, key);
                newKeys.add(new Document("_id", user).append("keyId", keyId).append("createdAt", new Date()).append("key",
                        kekId + ":" + Base64.getEncoder().encodeToString(gcm(kek, secret.getEncoded(), "person-key|" + user + "|" + keyId))));
            }
            String keyId = (String) key[0];
            ObjectNode envelope = JSON.createObjectNode().put("schemaVersion", 2).put("eventId", eventId).put("userId", user)
                    .put("keyId", keyId).put("sealed", Base64.getEncoder().encodeToString(gcm((SecretKey) key[1],
                            plainRecord.getBytes(StandardCharsets.UTF_8), "practice-event|" + eventId + "|" + user + "|" + keyId)));
            return envelope.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts that a record shows nothing but the v2 envelope: exactly its five fields, none of
     * the readable ones holding any of {@code clearTexts}, and the sealed bytes not holding them
     * as JSON tokens either. (Searching the base64 text itself would be wrong: random base64 of
     * a few thousand records spells a short word like "neck" now and then.)
     */
    static void assertSealedWithout(String recordValue, String... clearTexts) {
        try {
            var envelope = JSON.readTree(recordValue);
            List<String> fields = new ArrayList<>();
            envelope.fieldNames().forEachRemaining(fields::add);
            org.assertj.core.api.Assertions.assertThat(fields).containsExactlyInAnyOrder("schemaVersion", "eventId", "userId", "keyId", "sealed");
            org.assertj.core.api.Assertions.assertThat(envelope.path("schemaVersion").asInt()).isEqualTo(2);
            String readable = envelope.path("eventId").asText() + " " + envelope.path("userId").asText() + " " + envelope.path("keyId").asText();
            String sealed = new String(Base64.getDecoder().decode(envelope.path("sealed").asText()), StandardCharsets.ISO_8859_1);
            for (String clear : clearTexts) {
                org.assertj.core.api.Assertions.assertThat(readable).doesNotContain(clear);
                org.assertj.core.api.Assertions.assertThat(sealed).as("sealed bytes").doesNotContain("\"" + clear + "\"");
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON record: " + recordValue, e);
        }
    }

    private byte[] gcm(SecretKey key, byte[] plain, String associated) throws Exception {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        byte[] body = cipher.doFinal(plain);
        byte[] out = new byte[12 + body.length];
        System.arraycopy(nonce, 0, out, 0, 12);
        System.arraycopy(body, 0, out, 12, body.length);
        return out;
    }

    /** Stores the keys made, so that a consumer can open the records. */
    @Override
    public void close() {
        if (newKeys.isEmpty()) {
            return;
        }
        try (MongoClient mongo = MongoClients.create(SharedStack.get().mongoConnectionString())) {
            var collection = mongo.getDatabase("sukha-keys").getCollection("person_keys");
            for (int i = 0; i < newKeys.size(); i += 1000) {
                collection.insertMany(newKeys.subList(i, Math.min(newKeys.size(), i + 1000)), new InsertManyOptions().ordered(false));
            }
        }
        newKeys.clear();
    }
}

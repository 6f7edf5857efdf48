package dev.sukha.insights.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.sukha.stack.SharedStack;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import java.util.List;
import java.util.UUID;

/**
 * Seals records as session-service does (schema {@code practice-event.v2.json}), written from the
 * contract rather than with session-service's classes: a person key in {@code sukha-keys}, wrapped
 * by the stack's key-encrypting key, AES-256-GCM with the contract's associated data.
 */
final class Sealer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sealer() {
    }

    /**
     * Asserts that a record is a sealed envelope showing none of {@code words}: not in its
     * readable fields, and not as JSON tokens in its sealed bytes. (Not a search of the base64
     * text: random base64 spells a short word like "neck" now and then.)
     */
    static void assertNothingInClear(String value, String... words) {
        try {
            ObjectNode envelope = (ObjectNode) JSON.readTree(value);
            org.assertj.core.api.Assertions.assertThat(envelope.path("schemaVersion").asInt()).isEqualTo(2);
            String inside = new String(Base64.getDecoder().decode(envelope.remove("sealed").asText()), StandardCharsets.ISO_8859_1);
            org.assertj.core.api.Assertions.assertThat(envelope.properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactlyInAnyOrder("schemaVersion", "eventId", "userId", "keyId");
            for (String word : words) {
                org.assertj.core.api.Assertions.assertThat(envelope.toString()).doesNotContain(word);
                org.assertj.core.api.Assertions.assertThat(inside).as("sealed bytes").doesNotContain("\"" + word + "\"");
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The person's current key, or a new one as session-service would make it (also after an erasure). */
    static String[] keyOf(String user) {
        try (MongoClient client = MongoClients.create(SharedStack.get().mongoConnectionString())) {
            var keys = client.getDatabase("sukha-keys").getCollection("person_keys");
            Document doc = keys.find(Filters.eq("_id", user)).first();
            if (doc != null && doc.getString("keyId") != null) {
                return new String[]{doc.getString("keyId"), unwrap(user, doc.getString("keyId"), doc.getString("key"))};
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey key = generator.generateKey();
            String keyId = UUID.randomUUID().toString();
            String[] kek = kek();
            String wrapped = kek[0] + ":" + Base64.getEncoder().encodeToString(seal(new SecretKeySpec(Base64.getDecoder().decode(kek[1]), "AES"),
                    key.getEncoded(), "person-key|" + user + "|" + keyId));
            keys.updateOne(Filters.eq("_id", user), Updates.combine(Updates.set("keyId", keyId), Updates.set("key", wrapped),
                    Updates.set("createdAt", new Date())), new UpdateOptions().upsert(true));
            return new String[]{keyId, Base64.getEncoder().encodeToString(key.getEncoded())};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The records, each sealed with its person's key. */
    static List<ProducerRecord<String, String>> seal(List<ProducerRecord<String, String>> plain) {
        List<ProducerRecord<String, String>> sealed = new ArrayList<>();
        try {
            for (ProducerRecord<String, String> r : plain) {
                String[] key = keyOf(r.key());
                String eventId = JSON.readTree(r.value()).path("eventId").asText();
                ObjectNode envelope = JSON.createObjectNode().put("schemaVersion", 2).put("eventId", eventId).put("userId", r.key())
                        .put("keyId", key[0]).put("sealed", Base64.getEncoder().encodeToString(seal(
                                new SecretKeySpec(Base64.getDecoder().decode(key[1]), "AES"), r.value().getBytes(StandardCharsets.UTF_8),
                                "practice-event|" + eventId + "|" + r.key() + "|" + key[0])));
                sealed.add(new ProducerRecord<>(r.topic(), r.key(), Contracts.validSealed(envelope.toString())));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sealed;
    }

    private static String[] kek() throws Exception {
        String line = Files.readAllLines(SharedStack.get().recordKeys()).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .findFirst().orElseThrow();
        return line.split(":", 2);
    }

    private static String unwrap(String user, String keyId, String wrapped) throws Exception {
        String[] kek = kek();
        String[] parts = wrapped.split(":", 2);
        byte[] sealed = Base64.getDecoder().decode(parts[1]);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(kek[1]), "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD(("person-key|" + user + "|" + keyId).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(cipher.doFinal(sealed, 12, sealed.length - 12));
    }

    private static byte[] seal(SecretKey key, byte[] plain, String associated) throws Exception {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        byte[] body = cipher.doFinal(plain);
        byte[] out = new byte[12 + body.length];
        System.arraycopy(nonce, 0, out, 0, 12);
        System.arraycopy(body, 0, out, 12, body.length);
        return out;
    }
}

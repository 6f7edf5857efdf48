package dev.sukha.session.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.sukha.session.keys.Gcm;
import dev.sukha.session.keys.KeyRing;
import dev.sukha.session.keys.PersonKeys;
import dev.sukha.session.messaging.SealedRecord;
import dev.sukha.stack.SharedStack;
import org.bson.Document;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Opens a sealed practice-events record as a consumer would: the person's key from the keys database, unwrapped. */
final class Sealed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Sealed() {
    }

    /**
     * Asserts that a record is a schema-valid sealed envelope showing none of {@code words}: not in
     * its readable fields, and not as JSON tokens in its sealed bytes. (Not a search of the base64
     * text: random base64 spells a short word like "neck" now and then.)
     */
    static void assertNothingInClear(String value, String... words) {
        Contracts.assertValid(Contracts.SEALED_EVENT, value);
        try {
            var envelope = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(value);
            byte[] sealed = Base64.getDecoder().decode(envelope.remove("sealed").asText());
            String inside = new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String word : words) {
                assertThat(envelope.toString()).doesNotContain(word);
                assertThat(inside).as("sealed bytes").doesNotContain("\"" + word + "\"");
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The sealed record's v1 JSON, after checking the envelope against its schema. */
    static String open(String value) {
        Contracts.assertValid(Contracts.SEALED_EVENT, value);
        try (MongoClient client = MongoClients.create(SharedStack.get().mongoConnectionString())) {
            JsonNode envelope = JSON.readTree(value);
            String user = envelope.path("userId").asText();
            String keyId = envelope.path("keyId").asText();
            Document doc = client.getDatabase("sukha-keys").getCollection(PersonKeys.COLLECTION).find(Filters.eq("_id", user)).first();
            assertThat(doc).as("the key of " + user).isNotNull();
            assertThat(doc.getString("keyId")).isEqualTo(keyId);
            var key = KeyRing.load(SharedStack.get().recordKeys()).unwrap(user, keyId, doc.getString("key"));
            byte[] plain = Gcm.open(key, Base64.getDecoder().decode(envelope.path("sealed").asText()),
                    SealedRecord.associated(envelope.path("eventId").asText(), user, keyId));
            return new String(plain, java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError("the record does not open: " + e, e);
        }
    }
}

package dev.sukha.platform.sealing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test sealer every module's tests share (this module's test-jar): seals records as
 * session-service does, opens them as insights-service does, and checks that a record shows
 * nothing in clear — with the one implementation of the format in this module, against the person
 * keys in a store ({@code sukha-keys}) and the key ring of a stack.
 */
public final class TestSealer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MongoClient client;
    private final MongoCollection<Document> keys;
    private final KeyRing ring;
    private final boolean newPeople;
    private final Map<String, String> known = new HashMap<>();
    private final Map<String, SecretKey> secrets = new HashMap<>();
    private final List<Document> made = new ArrayList<>();

    private TestSealer(String mongoUri, Path keyRing, boolean newPeople) {
        this.client = MongoClients.create(mongoUri);
        this.keys = client.getDatabase("sukha-keys").getCollection(PersonKeyDocuments.COLLECTION);
        this.ring = KeyRing.load(keyRing);
        this.newPeople = newPeople;
    }

    /** For anyone: a person's live key is used, or one made and stored at once (also after their erasure). */
    public static TestSealer forAnyone(String mongoUri, Path keyRing) {
        return new TestSealer(mongoUri, keyRing, false);
    }

    /** For people the store has never seen (a bench's load): their keys are made here and stored in bulk on close. */
    public static TestSealer forNewPeople(String mongoUri, Path keyRing) {
        return new TestSealer(mongoUri, keyRing, true);
    }

    /** The record (its JSON) sealed with its person's key, as a {@code practice-event.v2.json} envelope. */
    public String seal(String user, String eventId, String plainRecord) {
        String keyId = known.computeIfAbsent(user, this::keyOf);
        SealedRecord sealed = SealedRecord.seal(eventId, user, keyId, secrets.get(keyId), plainRecord.getBytes(StandardCharsets.UTF_8));
        ObjectNode envelope = JSON.createObjectNode().put("schemaVersion", sealed.schemaVersion()).put("eventId", sealed.eventId())
                .put("userId", sealed.userId()).put("keyId", sealed.keyId()).put("sealed", sealed.sealed());
        return envelope.toString();
    }

    /** The person's live key id (made now if they have none), with its secret remembered. */
    private String keyOf(String user) {
        if (!newPeople) {
            PersonKeyDocuments.State state = stateOf(user);
            if (state.live()) {
                secrets.put(state.keyId(), ring.unwrap(user, state.keyId(), state.wrapped()));
                return state.keyId();
            }
        }
        SecretKey secret = Gcm.newKey();
        String keyId = UUID.randomUUID().toString();
        secrets.put(keyId, secret);
        Document doc = PersonKeyDocuments.newKey(user, keyId, ring.wrap(user, keyId, secret), new Date());
        if (newPeople) {
            made.add(doc);
        } else {
            doc.remove("_id");
            keys.updateOne(Filters.eq("_id", user), new Document("$set", doc), new UpdateOptions().upsert(true));
        }
        return keyId;
    }

    private PersonKeyDocuments.State stateOf(String user) {
        Document doc = keys.find(Filters.eq("_id", user)).first();
        return doc == null ? PersonKeyDocuments.State.none(user) : PersonKeyDocuments.state(doc);
    }

    /** The record inside a sealed envelope, opened with its person's live key (fails if there is none or it does not open). */
    public String open(String envelope) {
        try {
            JsonNode e = JSON.readTree(envelope);
            SealedRecord sealed = new SealedRecord(e.path("schemaVersion").asInt(), e.path("eventId").asText(null),
                    e.path("userId").asText(null), e.path("keyId").asText(null), e.path("sealed").asText(null));
            assertThat(sealed.missing()).as("envelope fields").isNull();
            PersonKeyDocuments.State state = stateOf(sealed.userId());
            assertThat(state.keyId()).as("the live key of " + sealed.userId()).isEqualTo(sealed.keyId());
            return new String(sealed.open(ring.unwrap(state.userId(), state.keyId(), state.wrapped())), StandardCharsets.UTF_8);
        } catch (IOException | java.security.GeneralSecurityException ex) {
            throw new AssertionError("the record does not open: " + ex, ex);
        }
    }

    /**
     * Asserts that a record shows nothing but the sealed envelope: exactly its five fields, none of
     * the readable ones holding any of {@code clearTexts}, and the sealed bytes not holding them as
     * JSON tokens either. (Not a search of the base64 text: random base64 of a few thousand records
     * spells a short word like "neck" now and then.)
     */
    public static void assertSealedWithout(String recordValue, String... clearTexts) {
        try {
            JsonNode envelope = JSON.readTree(recordValue);
            List<String> fields = new ArrayList<>();
            envelope.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("schemaVersion", "eventId", "userId", "keyId", "sealed");
            assertThat(envelope.path("schemaVersion").asInt()).isEqualTo(SealedRecord.SCHEMA_VERSION);
            String readable = envelope.path("eventId").asText() + " " + envelope.path("userId").asText() + " "
                    + envelope.path("keyId").asText();
            String sealed = new String(Base64.getDecoder().decode(envelope.path("sealed").asText()), StandardCharsets.ISO_8859_1);
            for (String clear : clearTexts) {
                assertThat(readable).doesNotContain(clear);
                assertThat(sealed).as("sealed bytes").doesNotContain("\"" + clear + "\"");
            }
        } catch (IOException e) {
            throw new AssertionError("not a JSON record: " + recordValue, e);
        }
    }

    /** Stores the keys made for new people, so that a consumer can open their records. */
    @Override
    public void close() {
        try {
            for (int i = 0; i < made.size(); i += 1000) {
                keys.insertMany(made.subList(i, Math.min(made.size(), i + 1000)), new InsertManyOptions().ordered(false));
            }
            made.clear();
        } finally {
            client.close();
        }
    }
}

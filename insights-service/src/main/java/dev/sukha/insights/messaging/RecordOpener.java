package dev.sukha.insights.messaging;

import dev.sukha.platform.sealing.PersonKeyDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.platform.sealing.SealedRecord;
import dev.sukha.insights.keys.PersonKeys;
import dev.sukha.insights.usecase.BatchSeals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@code practice-events} records for the projection (the consumer and a rebuild's replay):
 * a sealed record (schema 2) with its person's live key, a plain one (schema 1, from before
 * records were sealed) only if its person was never erased. A record whose key is gone is
 * unreadable by design — its person was erased — and is skipped, not dead-lettered.
 * <p>
 * A batch is opened with its people's keys as read once before it, and written after: usecase's
 * {@code BatchSeals} seals with them, and checks for erasures that fell in between.
 */
@ApplicationScoped
public class RecordOpener {

    /** The record's person was erased: it cannot be read, and must not be. */
    public static final class Unreadable extends Exception {
        public Unreadable() {
            super("erased", null, false, false);
        }
    }

    private final PersonKeys keys;
    private final ObjectMapper json;
    private final Counter unreadable;
    private final io.micrometer.core.instrument.Timer keysBefore;

    public RecordOpener(PersonKeys keys, ObjectMapper json, MeterRegistry metrics) {
        this.keys = keys;
        this.json = json;
        this.unreadable = Counter.builder("sukha.insights.events.unreadable")
                .description("Records skipped because their person was erased (their key is gone)").register(metrics);
        this.keysBefore = BatchSeals.keysRead("before", metrics);
    }

    /** The key states of a batch's people (the records' keys), in one read. */
    public Map<String, PersonKeyDocuments.State> states(Iterable<ConsumerRecord<String, String>> records) {
        Set<String> users = new HashSet<>();
        records.forEach(r -> {
            if (r.key() != null) {
                users.add(r.key());
            }
        });
        return keysBefore.record(() -> keys.states(users));
    }

    /** A consumed record, parsed and opened with the batch's key states, as insights uses it. */
    public PracticeRecord read(ConsumerRecord<String, String> record, Map<String, PersonKeyDocuments.State> states)
            throws PracticeRecord.Poison, Unreadable {
        JsonNode value;
        try {
            value = record.value() == null ? null : json.readTree(record.value());
        } catch (IOException e) {
            throw new PracticeRecord.Poison("unparseable JSON: " + e.getMessage());
        }
        return PracticeRecord.read(record.key(), open(record.key(), value, states));
    }

    /** The record as session-service wrote it before sealing ({@code practice-event.v1.json}). */
    public JsonNode open(String key, JsonNode node, Map<String, PersonKeyDocuments.State> states)
            throws PracticeRecord.Poison, Unreadable {
        if (node == null || !node.isObject()) {
            throw new PracticeRecord.Poison("value is not a JSON object");
        }
        PersonKeyDocuments.State state = key == null ? null : states.get(key);
        int schema = node.path("schemaVersion").asInt(-1);
        if (schema == 1) {
            if (state != null && !state.plainReadable()) {
                unreadable.increment();
                throw new Unreadable();
            }
            return node;
        }
        if (schema != 2) {
            throw new PracticeRecord.Poison("unsupported schemaVersion " + node.path("schemaVersion"));
        }
        SealedRecord envelope = new SealedRecord(schema, node.path("eventId").asText(null), node.path("userId").asText(null),
                node.path("keyId").asText(null), node.path("sealed").asText(null));
        if (envelope.missing() != null) {
            throw new PracticeRecord.Poison(envelope.missing());
        }
        if (!envelope.userId().equals(key)) {
            throw new PracticeRecord.Poison("record key '" + key + "' is not the userId");
        }
        SecretKey secret = state != null && envelope.keyId().equals(state.keyId()) ? keys.key(state) : null;
        if (secret == null) {
            unreadable.increment();
            throw new Unreadable();
        }
        JsonNode inner;
        try {
            inner = json.readTree(envelope.open(secret));
        } catch (GeneralSecurityException e) {
            throw new PracticeRecord.Poison("the sealed record does not open with its person's key (altered, or not theirs)");
        } catch (IOException e) {
            throw new PracticeRecord.Poison("the sealed record holds no JSON");
        }
        String eventId = envelope.eventId();
        String userId = envelope.userId();
        if (!eventId.equals(inner.path("eventId").asText()) || !userId.equals(inner.path("userId").asText())) {
            throw new PracticeRecord.Poison("the sealed record's eventId or userId differs from its envelope's");
        }
        return inner;
    }
}

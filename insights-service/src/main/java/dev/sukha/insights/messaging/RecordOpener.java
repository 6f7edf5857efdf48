package dev.sukha.insights.messaging;

import dev.sukha.platform.sealing.PersonKeyDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.platform.sealing.SealedRecord;
import dev.sukha.insights.keys.PersonKeys;
import dev.sukha.insights.store.PersonDocuments;
import dev.sukha.insights.store.PersonSeal;
import dev.sukha.platform.sealing.SealedValues;
import java.util.HashMap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Opens {@code practice-events} records for the projection (the consumer and a rebuild's replay):
 * a sealed record (schema 2) with its person's live key, a plain one (schema 1, from before
 * records were sealed) only if its person was never erased. A record whose key is gone is
 * unreadable by design — its person was erased — and is skipped, not dead-lettered.
 * <p>
 * A batch is opened with its people's keys as read once before it, and written after; an
 * erasure may fall in between. So after writing, {@link #sweepErased} reads the keys again and
 * deletes the figures of anyone erased meanwhile: the erasure deletes the key before the figures,
 * so either it sees this batch's writes, or this check sees its key gone.
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
    private final PersonDocuments documents;
    private final ObjectMapper json;
    private final Counter unreadable;
    private final io.micrometer.core.instrument.Timer keysBefore;
    private final io.micrometer.core.instrument.Timer keysAfter;

    public RecordOpener(PersonKeys keys, PersonDocuments documents, ObjectMapper json, MeterRegistry metrics) {
        this.keys = keys;
        this.documents = documents;
        this.json = json;
        this.unreadable = Counter.builder("sukha.insights.events.unreadable")
                .description("Records skipped because their person was erased (their key is gone)").register(metrics);
        this.keysBefore = keysRead("before", metrics);
        this.keysAfter = keysRead("after", metrics);
    }

    private static io.micrometer.core.instrument.Timer keysRead(String when, MeterRegistry metrics) {
        return io.micrometer.core.instrument.Timer.builder("sukha.insights.keys.read").tag("when", when)
                .description("Reading a consumed batch's person keys, before opening it and after writing it").register(metrics);
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

    /**
     * What the projection seals each of the batch's people's values with: their live key, as read for the batch. A
     * person whose records were read without a key (plain records, from before records were sealed) is given one
     * now, in one write for the batch.
     */
    public Function<String, PersonSeal> seals(Map<String, PersonKeyDocuments.State> states, Collection<String> people) {
        Map<String, SealedValues> values = new HashMap<>();
        List<String> keyless = new ArrayList<>();
        for (String user : people) {
            SealedValues v = keys.values(states.getOrDefault(user, PersonKeyDocuments.State.none(user)));
            if (v == null) {
                keyless.add(user);
            } else {
                values.put(user, v);
            }
        }
        if (!keyless.isEmpty()) {
            values.putAll(keys.forWriting(keyless));
        }
        return user -> PersonSeal.of(user, values.get(user));
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

    /**
     * After a batch was written: deletes the figures of the people among {@code written} whose
     * erasure happened or began since {@code before} was read. Returns them.
     */
    public List<String> sweepErased(Map<String, PersonKeyDocuments.State> before, Collection<String> written) {
        List<String> erased = new ArrayList<>();
        if (written.isEmpty()) {
            return erased;
        }
        Map<String, PersonKeyDocuments.State> now = keysAfter.record(() -> keys.states(written));
        for (String user : written) {
            PersonKeyDocuments.State was = before.get(user);
            if (was != null && now.get(user).erasedSince(was)) {
                erased.add(user);
                documents.deleteFigures(user);
            }
        }
        if (!erased.isEmpty()) {
            Log.infof("Deleted again the figures of %d people erased while their events were being applied", erased.size());
        }
        return erased;
    }
}

package dev.sukha.session.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import dev.sukha.platform.kafka.KafkaClients;
import dev.sukha.platform.kafka.LedgerFollower;
import dev.sukha.platform.kafka.StoredOffsetsReader;
import dev.sukha.platform.problem.ServingGate;
import dev.sukha.session.config.SessionConfig;
import dev.sukha.session.keys.PersonKeys;
import dev.sukha.session.store.Store;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Erasures decided by insights-service ({@code person-erasures}, keyed by user id, no health data; the
 * ledger of every erasure): deletes what session-service keeps of the person — their event claims and
 * their sessions, those sealed under the erased key and any not under their live key. Their key is
 * already gone, so nothing they recorded is readable any more; this removes what is left here.
 * <p>
 * The topic is read from offsets kept in this service's own store, not a consumer group: a store
 * restored from a backup taken before an erasure reads that erasure again, and deletes again what the
 * backup brought back. Until it has read the topic to its end this service does not answer (503, not
 * ready). Deleting twice is harmless.
 */
@ApplicationScoped
public class ErasureLedger implements ServingGate {

    /** Where the offsets are kept: the ledger collection of this service's database. */
    static final String OFFSETS = "ledger";
    static final String OFFSETS_ID = "person-erasures";

    private final Store store;
    private final PersonKeys keys;
    private final ObjectMapper json;
    private final LedgerFollower follower;

    public ErasureLedger(Store store, PersonKeys keys, ObjectMapper json, KafkaClients kafka, SessionConfig config,
                         io.micrometer.core.instrument.MeterRegistry metrics) {
        String topic = config.erasures().topic();
        this.store = store;
        this.keys = keys;
        this.json = json;
        this.follower = new LedgerFollower("erasure-ledger",
                () -> new StoredOffsetsReader(kafka.consumer("session-service-erasures", Map.of()), topic,
                        store.get(OFFSETS), OFFSETS_ID),
                this::apply, Duration.ofSeconds(1));
        metrics.gauge("sukha.erasures.ledger.caught.up", follower, f -> f.caughtUp() ? 1 : 0);
        metrics.gauge("sukha.erasures.ledger.gap", follower, f -> f.gap() ? 1 : 0);
    }

    void start(@Observes StartupEvent event) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.close();
    }

    @Override
    public String closedBecause() {
        return follower.caughtUp() ? null : "This service is applying the erasures recorded since its store was last written; retry shortly.";
    }

    private static java.time.Instant instant(String text) {
        try {
            return text == null ? null : java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    void apply(ConsumerRecord<String, String> record) {
        JsonNode erasure;
        try {
            erasure = record.value() == null ? null : json.readTree(record.value());
        } catch (IOException e) {
            Log.warnf("An erasure record that is not JSON was ignored (offset %d)", record.offset());
            return;
        }
        String user = erasure == null ? "" : erasure.path("userId").asText("");
        if (user.isEmpty()) {
            Log.warnf("An erasure record without a userId was ignored (offset %d)", record.offset());
            return;
        }
        // Everything of theirs sealed under the erased key (also when a store restored from before the erasure calls it
        // live again), and anything not under their live key; if they came back before this record was read, their new
        // life stays (its claims keep resends DUPLICATE). Found by a field, not _id: a scan on the local store, an index
        // on MongoDB ("owner", "userId"); erasures are rare.
        String erased = erasure.path("keyId").asText(null);
        java.time.Instant erasedAt = instant(erasure.path("erasedAt").asText(null));
        if (erasedAt != null && keys.destroyIfPredating(user, erasedAt, erased)) {
            Log.infof("erasure %s applied again: the person's key was back (a store restored from before it) and is destroyed",
                    erasure.path("erasureId").asText());
        }
        String live = keys.liveKeyId(user);
        var notLive = live == null ? Filters.empty()
                : erased == null ? Filters.ne("keyId", live) : Filters.or(Filters.eq("keyId", erased), Filters.ne("keyId", live));
        long claims = store.get(Store.EVENTS).deleteMany(Filters.and(Filters.eq("userId", user), notLive)).getDeletedCount();
        long sessions = store.get(Store.SESSIONS).deleteMany(Filters.and(Filters.eq("owner", user), notLive)).getDeletedCount();
        if (claims + sessions > 0) {
            Log.infof("erasure %s: deleted %d event claims and %d sessions", erasure.path("erasureId").asText(), claims, sessions);
        }
    }
}

package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.store.Store;
import dev.sukha.insights.usecase.Erasure;
import dev.sukha.platform.kafka.KafkaClients;
import dev.sukha.platform.kafka.LedgerFollower;
import dev.sukha.platform.kafka.StoredOffsetsReader;
import dev.sukha.platform.problem.ServingGate;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Every erasure ever recorded ({@code person-erasures}, the ledger; compacted, so it keeps each person's
 * latest), read from offsets kept in insights' own store ({@code meta}): a store restored from a backup
 * taken before an erasure reads that erasure again and {@link Erasure#reapply applies} it — the person's
 * key destroyed again, their figures deleted — before this instance answers anything (503, not ready,
 * until it has read the ledger to its end). Erasures this service made itself are read too, and find
 * nothing left to do.
 */
@ApplicationScoped
public class ErasureLedger implements ServingGate {

    static final String OFFSETS_ID = "c|erasure-ledger";

    private final Erasure erasure;
    private final ObjectMapper json;
    private final LedgerFollower follower;

    public ErasureLedger(Erasure erasure, ObjectMapper json, KafkaClients kafka, Store store, MeterRegistry metrics,
                         @ConfigProperty(name = "mp.messaging.outgoing.person-erasures-out.topic") String topic) {
        this.erasure = erasure;
        this.json = json;
        this.follower = new LedgerFollower("erasure-ledger",
                () -> new StoredOffsetsReader(kafka.consumer("insights-erasures", Map.of()), topic, store.collection("meta"), OFFSETS_ID),
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

    void apply(ConsumerRecord<String, String> record) {
        JsonNode e;
        try {
            e = record.value() == null ? null : json.readTree(record.value());
        } catch (IOException ex) {
            Log.warnf("An erasure record that is not JSON was ignored (offset %d)", record.offset());
            return;
        }
        String user = e == null ? "" : e.path("userId").asText("");
        Instant at = instant(e == null ? null : e.path("erasedAt").asText(null));
        if (user.isEmpty() || at == null) {
            Log.warnf("An erasure record without a userId or erasedAt was ignored (offset %d)", record.offset());
            return;
        }
        erasure.reapply(user, at, e.path("keyId").asText(null), e.path("erasureId").asText(""));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException ex) {
            return null;
        }
    }
}

package dev.sukha.insights.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.usecase.ErasureNotices;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes each erasure to {@code person-erasures}, keyed by the person (the topic is compacted: their latest erasure
 * stays): its id, when, and the id of the key destroyed — no health data. session-service deletes what was sealed
 * under that key, and a store restored from before the erasure is erased again from it.
 */
@ApplicationScoped
public class ErasureAnnouncer implements ErasureNotices {

    public static final String CHANNEL = "person-erasures-out";
    private static final Duration ACKNOWLEDGED_WITHIN = Duration.ofSeconds(15);

    private final MutinyEmitter<String> erasures;
    private final ObjectMapper json;

    public ErasureAnnouncer(@Channel(CHANNEL) MutinyEmitter<String> erasures, ObjectMapper json) {
        this.erasures = erasures;
        this.json = json;
    }

    @Override
    public void erased(String user, String erasureId, Instant at, String keyId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("erasureId", erasureId);
        fields.put("userId", user);
        fields.put("erasedAt", at.toString());
        if (keyId != null) {
            fields.put("keyId", keyId);
        }
        String record;
        try {
            record = json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        erasures.sendMessage(Message.of(record).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(user).build()))
                .await().atMost(ACKNOWLEDGED_WITHIN);
    }
}

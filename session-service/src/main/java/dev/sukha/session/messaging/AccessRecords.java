package dev.sukha.session.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An operator's read of someone's data here (a session not theirs), recorded before it is served: sent to
 * {@code access-records} ({@code access-record.v1.json}, no health data) and acknowledged by every in-sync
 * replica; insights-service keeps it in the person's access log, where they see who looked. A record that
 * Kafka does not take in time fails the read (503): no look goes unrecorded.
 */
@ApplicationScoped
public class AccessRecords {

    public static final String CHANNEL = "access-records-out";
    static final Duration WAIT = Duration.ofSeconds(5);

    private final MutinyEmitter<String> out;
    private final ObjectMapper json;

    public AccessRecords(@Channel(CHANNEL) MutinyEmitter<String> out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    /** Records that {@code operator} looked at {@code user}'s data through {@code route}; waits for Kafka. */
    public void record(String user, String operator, String route) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("schemaVersion", 1);
        value.put("recordId", UUID.randomUUID().toString());
        value.put("userId", user);
        value.put("operator", operator);
        value.put("route", route);
        value.put("at", Instant.now().toString());
        var trace = Span.current().getSpanContext();
        value.put("traceId", trace.isValid() ? trace.getTraceId() : null);
        String record;
        try {
            record = json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.sendMessage(Message.of(record).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(user).build()))
                .await().atMost(WAIT);
    }
}

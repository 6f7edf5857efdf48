package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.usecase.AccessRecords;
import dev.sukha.insights.usecase.StoreRetry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Operators' looks recorded by other services ({@code access-records}, {@code access-record.v1.json}, owned by
 * session-service), kept in the person's access log under their own id (a record delivered again is kept once).
 * Failure strategy: a value that is no access record is logged (without its content) and passed over; the store
 * away is waited out, so that no look recorded on Kafka goes missing from the log.
 */
@ApplicationScoped
public class AccessRecordConsumer {

    public static final String CHANNEL = "access-records-in";

    private final AccessRecords records;
    private final ObjectMapper json;

    public AccessRecordConsumer(AccessRecords records, ObjectMapper json) {
        this.records = records;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String value) {
        JsonNode r;
        Instant at;
        try {
            r = json.readTree(value);
            at = Instant.parse(r.path("at").asText());
        } catch (IOException | DateTimeParseException | NullPointerException e) {
            Log.warnf("An access record that is not one was passed over (%s)", e.getClass().getSimpleName());
            return;
        }
        String id = r.path("recordId").asText("");
        String user = r.path("userId").asText("");
        if (r.path("schemaVersion").asInt() != 1 || id.isEmpty() || user.isEmpty()) {
            Log.warnf("An access record without a version 1, recordId or userId was passed over");
            return;
        }
        StoreRetry.untilDone("Keeping an access record", () -> records.recordFrom(id, user, r.path("operator").asText(null),
                r.path("route").asText(null), at, r.path("traceId").asText(null)));
    }
}

package dev.sukha.insights.api;

import dev.sukha.stack.Topics;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** practice-events records as session-service writes them, for one user's practice. */
final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String user;
    private final List<ProducerRecord<String, String>> records = new ArrayList<>();

    Events(String user) {
        this.user = user;
    }

    /** A session of a routine with {@code steps} steps: started, {@code done} steps completed, then ended. */
    Events session(String routine, int steps, String zone, OffsetDateTime start, int minutes, int done, String end,
                   Map<String, Integer> before, Map<String, Integer> after) {
        String session = UUID.randomUUID().toString();
        add(event(session, "SESSION_STARTED", routine, steps, zone, start, null, before));
        for (int i = 0; i < done; i++) {
            add(event(session, "POSE_COMPLETED", routine, steps, zone, start.plusMinutes(i), i, null));
        }
        if (end != null) {
            add(event(session, end, routine, steps, zone, start.plusMinutes(minutes), null, after));
        }
        return this;
    }

    /**
     * A completed session of a two-sided pose at steps 0 (left) and 1 (right), as session-service
     * records it now: each pose event names its step's pose, side and gentler option; completions
     * carry their rating, a null rating being a skip for pain.
     */
    Events feltSession(String routine, String pose, OffsetDateTime start, Integer left, Integer right) {
        String session = UUID.randomUUID().toString();
        add(event(session, "SESSION_STARTED", routine, 2, "UTC", start, null, null));
        int step = 0;
        for (Integer rating : java.util.Arrays.asList(left, right)) {
            Map<String, Object> e = event(session, rating == null ? "POSE_SKIPPED" : "POSE_COMPLETED", routine, 2, "UTC",
                    start.plusMinutes(step + 1), step, null);
            e.put("pose", pose);
            e.put("side", step == 0 ? "left" : "right");
            e.put("gentler", "Knee down");
            if (rating == null) {
                e.put("reason", "pain");
            } else {
                e.put("discomfort", rating);
            }
            add(e);
            step++;
        }
        add(event(session, "SESSION_COMPLETED", routine, 2, "UTC", start.plusMinutes(5), null, null));
        return this;
    }

    List<ProducerRecord<String, String>> records() {
        return records;
    }

    void send(KafkaCompanion kafka) {
        kafka.produceStrings().fromRecords(records).awaitCompletion();
    }

    /** Sends the records sealed with the person's key, as session-service writes them now. */
    void sendSealed(KafkaCompanion kafka) {
        kafka.produceStrings().fromRecords(Sealer.seal(records)).awaitCompletion();
    }

    private void add(Map<String, Object> event) {
        try {
            records.add(new ProducerRecord<>(Topics.PRACTICE_EVENTS, user, Contracts.valid(JSON.writeValueAsString(event))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> event(String session, String type, String routine, int steps, String zone,
                                      OffsetDateTime at, Integer step, Map<String, Integer> pain) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("schemaVersion", 1);
        e.put("eventId", UUID.randomUUID().toString());
        e.put("userId", user);
        e.put("sessionId", session);
        e.put("type", type);
        e.put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at));
        e.put("recordedAt", at.plusSeconds(1).toInstant().toString());
        e.put("routineId", routine);
        e.put("routineVersion", 1);
        e.put("stepCount", steps);
        e.put("zone", zone);
        if (step != null) {
            e.put("step", step);
        }
        if (pain != null) {
            e.put("pain", pain);
        }
        return e;
    }
}

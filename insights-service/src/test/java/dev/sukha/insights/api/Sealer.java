package dev.sukha.insights.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.platform.sealing.TestSealer;
import dev.sukha.stack.SharedStack;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Records sealed as session-service seals them (platform/record-sealing's test sealer), each checked against the envelope's schema. */
final class Sealer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Sealer() {
    }

    /** The records, each sealed with its person's live key (made now if they have none, also after an erasure). */
    static List<ProducerRecord<String, String>> seal(List<ProducerRecord<String, String>> plain) {
        List<ProducerRecord<String, String>> sealed = new ArrayList<>();
        try (TestSealer sealer = TestSealer.forAnyone(SharedStack.get().mongoConnectionString(), SharedStack.get().recordKeys())) {
            for (ProducerRecord<String, String> r : plain) {
                String eventId = JSON.readTree(r.value()).path("eventId").asText();
                sealed.add(new ProducerRecord<>(r.topic(), r.key(), Contracts.validSealed(sealer.seal(r.key(), eventId, r.value()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sealed;
    }
}

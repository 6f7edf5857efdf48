package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.usecase.FigureTags.Figure;
import dev.sukha.insights.usecase.ChangeStreams;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells every insights-service instance that a person's figures changed, on the
 * {@code figure-changes} topic (key: the person; {@code *}: everyone): whichever instance holds a
 * person's stream of changes hears it, whichever wrote the change. Each instance reads the topic in
 * a group of its own, from its end (nothing is replayed: a stream that reconnects learns what it
 * missed from its Last-Event-ID, {@link ChangeStreams}). Nothing personal is in a message: who, and
 * which figures.
 */
@ApplicationScoped
public class FigureChanges {

    public static final String TOPIC = "figure-changes";
    static final String OUT = "figure-changes-out";
    static final String IN = "figure-changes-in";
    /** Everyone's figures (a rebuild's switch, a new title in the catalogue). */
    public static final String EVERYONE = "*";
    public static final String ERASED = "erased";

    private final MutinyEmitter<String> out;
    private final ChangeStreams streams;
    private final ObjectMapper json;

    public FigureChanges(@Channel(OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<String> out,
                         ChangeStreams streams, ObjectMapper json) {
        this.out = out;
        this.streams = streams;
        this.json = json;
    }

    /** These people's {@code figures} changed (sent without waiting: a lost change is found again by its stream's next event id). */
    public void changed(Collection<String> people, Set<Figure> figures) {
        String what = figures.stream().map(f -> "\"" + f.name + "\"").collect(Collectors.joining(",", "{\"what\":[", "]}"));
        for (String person : people) {
            send(person, what);
        }
    }

    /** The person was erased: their streams end. */
    public void erased(String person) {
        send(person, "{\"what\":[\"" + ERASED + "\"]}");
    }

    private void send(String key, String value) {
        out.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()))
                .subscribe().with(ok -> { }, e -> Log.debugf("A change of %s's figures was not sent: %s", key, e.getMessage()));
    }

    @Incoming(IN)
    @io.smallrye.reactive.messaging.annotations.Blocking
    public void heard(String payload, IncomingKafkaRecordMetadata<String, String> meta) {
        String key = meta.getKey();
        if (key == null) {
            return;
        }
        try {
            Set<String> what = new java.util.HashSet<>();
            json.readTree(payload).path("what").forEach(w -> what.add(w.asText()));
            if (what.contains(ERASED)) {
                streams.erased(key);
                return;
            }
            EnumSet<Figure> figures = EnumSet.noneOf(Figure.class);
            for (Figure f : Figure.values()) {
                if (what.contains(f.name)) {
                    figures.add(f);
                }
            }
            streams.changed(key, figures);
        } catch (java.io.IOException e) {
            Log.debugf("A change message could not be read: %s", e.getMessage());
        }
    }
}

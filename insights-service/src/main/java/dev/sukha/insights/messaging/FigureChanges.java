package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.config.InsightsConfig;
import dev.sukha.insights.store.Revisions;
import dev.sukha.insights.domain.Figure;
import dev.sukha.insights.usecase.ChangeNotices;
import dev.sukha.insights.usecase.ChangeStreams;
import dev.sukha.insights.usecase.RememberedRevisions;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Tells every insights-service instance that a person's figures changed, on the
 * {@code figure-changes} topic (key: the person; {@code *}: everyone): whichever instance holds a
 * person's stream of changes hears it, whichever wrote the change. Each instance reads the topic in
 * a group of its own, from its end (nothing is replayed: a stream that reconnects learns what it
 * missed from its Last-Event-ID, {@link ChangeStreams}). Nothing personal is in a message: who, and
 * which figures.
 * <p>
 * What is heard also makes this instance forget the revisions it remembers for conditional reads
 * ({@link RememberedRevisions}); to know it hears the topic up to the moment, it sends itself a
 * numbered probe to each partition every {@code probe-every} (a header names the instance; nobody
 * else reads them). A change that could not be sent makes every instance forget everything, through
 * the store ({@link Revisions#changeUntold()}), read by each instance at every probe.
 */
@ApplicationScoped
public class FigureChanges implements ChangeNotices {

    public static final String TOPIC = "figure-changes";
    static final String OUT = "figure-changes-out";
    static final String IN = "figure-changes-in";
    /** Everyone's figures (a rebuild's switch, a new title in the catalogue). */
    public static final String ERASED = "erased";
    /** The header that makes a record a probe, naming the instance that sent it. */
    static final String PROBE = "sukha-probe";

    private final MutinyEmitter<String> out;
    private final ChangeStreams streams;
    private final ObjectMapper json;
    private final RememberedRevisions remembered;
    private final Revisions revisions;
    private final ChangesAssignment assignment;
    private final Duration probeEvery;
    private final String instance = UUID.randomUUID().toString();
    private final List<RecordHeader> probeHeaders = List.of(new RecordHeader(PROBE, instance.getBytes(StandardCharsets.UTF_8)));
    private final Map<Integer, Long> probesSent = new HashMap<>();
    private final java.util.Queue<Sending> unacknowledged = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Duration untoldAfter;
    private long resetsSeen = -1;
    private boolean wasTrusted;
    private ScheduledExecutorService prober;

    private final dev.sukha.insights.keys.PersonKeys keys;

    public FigureChanges(@Channel(OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<String> out,
                         ChangeStreams streams, ObjectMapper json, RememberedRevisions remembered, Revisions revisions,
                         @io.smallrye.common.annotation.Identifier(ChangesAssignment.NAME) ChangesAssignment assignment,
                         InsightsConfig config, dev.sukha.insights.keys.PersonKeys keys) {
        this.keys = keys;
        this.out = out;
        this.streams = streams;
        this.json = json;
        this.remembered = remembered;
        this.revisions = revisions;
        this.assignment = assignment;
        this.probeEvery = config.changes().probeEvery();
        this.untoldAfter = config.changes().untoldAfter();
    }

    /** A change on its way to the topic. */
    private static final class Sending {
        final long atMillis;
        volatile boolean done;

        Sending(long atMillis) {
            this.atMillis = atMillis;
        }
    }

    /** These people's {@code figures} changed (sent without waiting: a lost change is found again by its stream's next event id). */
    @Override
    public void changed(Collection<String> people, Set<Figure> figures) {
        String what = figures.stream().map(f -> "\"" + f.name + "\"").collect(Collectors.joining(",", "{\"what\":[", "]}"));
        for (String person : people) {
            forget(person);
            send(person, what);
        }
    }

    /** The person was erased: their streams end. */
    @Override
    public void erased(String person) {
        forget(person);
        send(person, "{\"what\":[\"" + ERASED + "\"]}");
    }

    /** This instance forgets at once what it changed (the others when they hear it). */
    private void forget(String key) {
        if (EVERYONE.equals(key)) {
            remembered.forgetAll();
        } else {
            remembered.forget(key);
        }
    }

    private void send(String key, String value) {
        Sending sending = new Sending(System.currentTimeMillis());
        unacknowledged.add(sending);
        out.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()))
                .subscribe().with(ok -> sending.done = true, e -> {
                    sending.done = true;
                    Log.warnf("A change of figures was not sent (%s): every instance forgets the revisions it remembers", e.getMessage());
                    untold();
                });
    }

    /**
     * Changes sent more than {@code untold-after} ago and still not acknowledged (the producer keeps
     * trying; others may hear them late): every instance forgets everything, so that nothing it
     * remembers is older than that. Sends are queued in order: only the oldest need looking at.
     */
    private void lookForUntoldChanges() {
        long before = System.currentTimeMillis() - untoldAfter.toMillis();
        boolean late = false;
        for (Sending s; (s = unacknowledged.peek()) != null && (s.done || s.atMillis < before); ) {
            late |= !s.done;
            unacknowledged.poll();
        }
        if (late) {
            Log.warnf("A change of figures was not acknowledged within %s: every instance forgets the revisions it remembers",
                    untoldAfter);
            untold();
        }
    }

    /** A change others may not hear in time: everyone forgets everything (through the store, off the producer's thread). */
    private void untold() {
        ScheduledExecutorService p = prober;
        Runnable reset = () -> {
            try {
                revisions.changeUntold();
            } catch (RuntimeException ex) {
                Log.errorf("An untold change could not be recorded either: %s", ex.getMessage());
            }
        };
        if (p != null && !p.isShutdown()) {
            p.execute(reset);
        } else {
            reset.run();
        }
    }

    void start(@Observes StartupEvent event) {
        prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "figure-changes-probe");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleWithFixedDelay(this::probe, probeEvery.toMillis(), probeEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (prober != null) {
            prober.shutdownNow();
        }
    }

    /** One round: the partitions read, a probe to each, untold changes, and forgetting when trust was lost. */
    void probe() {
        try {
            boolean trusted = remembered.trusted();
            if (wasTrusted && !trusted) {
                // Heard nothing recent: whatever is heard after may have skipped changes.
                remembered.forgetAll();
            }
            wasTrusted = trusted;
            lookForUntoldChanges();
            forgetIfAChangeWentUntold();
            Set<Integer> partitions = assignment.partitions();
            if (remembered.watermark().assigned(partitions)) {
                remembered.forgetAll();
            }
            long now = System.currentTimeMillis();
            for (int partition : partitions) {
                long number = probesSent.merge(partition, 1L, Long::sum);
                out.sendMessage(Message.of("{\"probe\":" + number + ",\"at\":" + now + "}").addMetadata(
                                OutgoingKafkaRecordMetadata.<String>builder().withPartition(partition).withHeaders(probeHeaders).build()))
                        .subscribe().with(ok -> { }, e -> Log.debugf("A probe was not sent: %s", e.getMessage()));
            }
        } catch (RuntimeException e) {
            Log.debugf("figure-changes not probed this time: %s", e.toString());
        }
    }

    private void forgetIfAChangeWentUntold() {
        try {
            long resets = revisions.resets();
            if (resets != resetsSeen) {
                remembered.forgetAll();
                resetsSeen = resets;
            }
        } catch (RuntimeException e) {
            // The store away: nothing remembered is used for long without probes anyway; the next round asks again.
            remembered.forgetAll();
            Log.debugf("Untold changes not read this time: %s", e.toString());
        }
    }

    @Incoming(IN)
    @io.smallrye.reactive.messaging.annotations.Blocking
    public void heard(String payload, IncomingKafkaRecordMetadata<String, String> meta) {
        Header probe = meta.getHeaders().lastHeader(PROBE);
        if (probe != null) {
            if (instance.equals(new String(probe.value(), StandardCharsets.UTF_8))) {
                heardProbe(payload, meta.getPartition());
            }
            return;
        }
        String key = meta.getKey();
        if (key == null) {
            return;
        }
        forget(key);
        try {
            Set<String> what = new java.util.HashSet<>();
            json.readTree(payload).path("what").forEach(w -> what.add(w.asText()));
            if (what.contains(ERASED)) {
                keys.forget(key); // the key this instance remembered for reads is gone
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

    private void heardProbe(String payload, int partition) {
        try {
            JsonNode p = json.readTree(payload);
            if (!remembered.watermark().heard(partition, p.path("probe").asLong(), p.path("at").asLong())) {
                Log.infof("figure-changes partition %d skipped records: forgetting every remembered revision", partition);
                remembered.forgetAll();
            }
        } catch (java.io.IOException e) {
            Log.debugf("A probe could not be read: %s", e.getMessage());
        }
    }
}

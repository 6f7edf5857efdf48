package dev.sukha.insights.usecase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sukha.insights.config.InsightsConfig;
import dev.sukha.insights.domain.Figure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open streams of changes of this instance ({@code GET /v1/me/changes}), by person. A change
 * heard on {@code figure-changes} becomes an event on each of the person's streams, with the figures
 * that may have changed and their new tags; its id is the person's state ({@link FigureTags.State}),
 * so a stream that reconnects with {@code Last-Event-ID} is told at once, by comparing that state
 * with today's, whatever changed while it was away — on any instance, however long ago.
 * <p>
 * Bounded: streams per person and per instance; a client that does not read its events is dropped
 * (a few are buffered, then the stream ends: it reconnects and loses nothing); nothing waits on a
 * stream, so no stream slows the consumer. Every {@code heartbeat} each stream gets a comment line,
 * and the quarter-hour's turn (a new day somewhere) as a change of the daily figures; a stream ends
 * when its token expires, or its person is erased.
 */
@ApplicationScoped
public class ChangeStreams {

    /** An event of a stream: a change ({@code event: change}), the end of a person ({@code erased}), or a comment. */
    public record Item(String id, String event, String data) {
        public boolean comment() {
            return event == null;
        }
    }

    /** No room for another stream: for this person ({@code perPerson}), or on this instance. */
    public static final class Full extends Exception {
        public final boolean perPerson;

        Full(boolean perPerson) {
            super(perPerson ? "too many streams open for this person" : "too many streams open on this instance", null, false, false);
            this.perPerson = perPerson;
        }
    }

    /** How many events may wait for a slow client before its stream is dropped. */
    static final int BUFFERED = 32;

    private static final class Stream {
        final String user;
        final long expiresAtMillis;
        volatile MultiEmitter<? super Item> emitter;
        volatile FigureTags.State last;

        Stream(String user, long expiresAtMillis, FigureTags.State last) {
            this.user = user;
            this.expiresAtMillis = expiresAtMillis;
            this.last = last;
        }
    }

    private final FigureTags tags;
    private final ObjectMapper json;
    private final int perPerson;
    private final int perInstance;
    private final Map<String, Set<Stream>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter dropped;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "change-streams");
        t.setDaemon(true);
        return t;
    });

    public ChangeStreams(FigureTags tags, ObjectMapper json, InsightsConfig config, MeterRegistry metrics) {
        this.tags = tags;
        this.json = json;
        this.perPerson = config.changes().perPerson();
        this.perInstance = config.changes().perInstance();
        long every = config.changes().heartbeat().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        metrics.gauge("sukha_insights_change_streams", open);
        this.dropped = Counter.builder("sukha_insights_change_streams_dropped")
                .description("Streams of changes ended because their client did not read them").register(metrics);
    }

    /**
     * A new stream for {@code user}, until {@code expiresAtMillis} (their token's end). With
     * {@code lastEventId} (a reconnection), it starts with what changed since that event.
     */
    public Multi<Item> open(String user, long expiresAtMillis, String lastEventId) throws Full {
        Set<Stream> mine = byUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet());
        if (mine.size() >= perPerson) {
            throw new Full(true);
        }
        if (open.incrementAndGet() > perInstance) {
            open.decrementAndGet();
            throw new Full(false);
        }
        FigureTags.State now = tags.state(user);
        FigureTags.State before = lastEventId == null ? now : FigureTags.State.parse(lastEventId);
        Stream stream = new Stream(user, expiresAtMillis, now);
        return Multi.createFrom().<Item>emitter(emitter -> {
            stream.emitter = emitter;
            mine.add(stream);
            emitter.onTermination(() -> close(stream));
            Set<Figure> missed = now.changedSince(before);
            if (lastEventId != null && !missed.isEmpty()) {
                emitter.emit(change(stream, now, missed));
            } else {
                // The first event says where the stream starts, so that a reconnection can say where it was.
                emitter.emit(new Item(now.id(), "ready", "{}"));
            }
        }, BackPressureStrategy.BUFFER).onOverflow().buffer(BUFFERED)
                .onFailure(io.smallrye.mutiny.subscription.BackPressureFailure.class).invoke(e -> dropped.increment());
    }

    private void close(Stream stream) {
        Set<Stream> mine = byUser.get(stream.user);
        if (mine != null && mine.remove(stream)) {
            open.decrementAndGet();
            if (mine.isEmpty()) {
                byUser.remove(stream.user, mine);
            }
        }
    }

    /** {@code user}'s figures changed ({@code *}: everyone's): each of their streams gets an event. */
    public void changed(String user, Set<Figure> figures) {
        List<String> people = "*".equals(user) ? new ArrayList<>(byUser.keySet()) : List.of(user);
        for (String person : people) {
            Set<Stream> mine = byUser.get(person);
            if (mine == null || mine.isEmpty()) {
                continue;
            }
            FigureTags.State now = tags.state(person);
            for (Stream s : mine) {
                if (now.id().equals(s.last.id())) {
                    // Heard late (a change made before the stream opened, or told already): nothing is new to it.
                    continue;
                }
                Set<Figure> changed = EnumSet.noneOf(Figure.class);
                changed.addAll(figures);
                changed.addAll(now.changedSince(s.last));
                emit(s, change(s, now, changed));
            }
        }
    }

    /** The person was erased: each stream says so and ends. */
    public void erased(String user) {
        Set<Stream> mine = byUser.get(user);
        if (mine == null) {
            return;
        }
        for (Stream s : List.copyOf(mine)) {
            emit(s, new Item(null, "erased", "{}"));
            s.emitter.complete();
        }
    }

    private Item change(Stream stream, FigureTags.State now, Set<Figure> changed) {
        stream.last = now;
        ObjectNode data = json.createObjectNode();
        changed.forEach(f -> data.withArray("changed").add(f.name));
        ObjectNode tagsNode = data.putObject("tags");
        FigureTags.defaultTags(now, stream.user).forEach(tagsNode::put);
        return new Item(now.id(), "change", data.toString());
    }

    private void emit(Stream s, Item item) {
        MultiEmitter<? super Item> e = s.emitter;
        if (e != null && !e.isCancelled()) {
            e.emit(item);
        }
    }

    /** Heartbeats, the quarter-hour's turn, and tokens that ended. */
    void tick() {
        try {
            long now = System.currentTimeMillis();
            for (Set<Stream> mine : byUser.values()) {
                for (Stream s : List.copyOf(mine)) {
                    if (now >= s.expiresAtMillis) {
                        emit(s, new Item(null, "expired", "{}"));
                        s.emitter.complete();
                    } else if (tags.quarter() != s.last.quarter()) {
                        FigureTags.State state = tags.state(s.user);
                        emit(s, change(s, state, state.changedSince(s.last)));
                    } else {
                        emit(s, new Item(null, null, "ping"));
                    }
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("The streams of changes missed a heartbeat: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
        for (Set<Stream> mine : byUser.values()) {
            mine.forEach(s -> s.emitter.complete());
        }
    }
}

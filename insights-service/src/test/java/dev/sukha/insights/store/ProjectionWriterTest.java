package dev.sukha.insights.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.sukha.insights.domain.EventType;
import dev.sukha.insights.domain.History;
import dev.sukha.insights.domain.Insights;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.PracticeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer's guarantees that a shuffled delivery alone rarely reaches: concurrent writers, limits, refusals. */
class ProjectionWriterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final OffsetDateTime DAY = OffsetDateTime.parse("2026-11-25T07:00:00Z"); // a Wednesday, "today"
    private static final long GEN = 1;

    private static MongoServer server;
    private static MongoClient client;
    private static Store store;
    private static ProjectionReader reader;

    @BeforeAll
    static void start() {
        server = new MongoServer(dev.sukha.stack.StoreBackend.inMemory());
        client = MongoClients.create(server.bindAndGetConnectionString());
        store = new Store(client, "writer");
        Generations generations = new Generations(store);
        generations.initialise(new Generations.State(GEN, null, GEN + 1));
        reader = new ProjectionReader(store, generations, TestSeals.SEALS);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    /** An event as session-service writes it now: saying when its session started. */
    private static PracticeEvent event(String session, EventType type, OffsetDateTime at, Integer step) {
        return event(session, type, at, step, type == EventType.SESSION_STARTED ? at : at.withHour(DAY.getHour()).withMinute(0));
    }

    private static PracticeEvent event(String session, EventType type, OffsetDateTime at, Integer step,
                                       OffsetDateTime sessionStartedAt) {
        return new PracticeEvent(UUID.randomUUID().toString(), session, type, at, "upper-back-release", 1, 4, "UTC", step,
                type == EventType.SESSION_STARTED ? Map.of("neck", 6) : type.isEnd() ? Map.of("neck", 2) : null,
                sessionStartedAt);
    }

    /** An event as records written before sessionStartedAt have it. */
    private static PracticeEvent legacy(String session, EventType type, OffsetDateTime at, Integer step) {
        return event(session, type, at, step, null);
    }

    private static List<ProjectionWriter.Incoming> batch(String user, PracticeEvent... events) {
        List<ProjectionWriter.Incoming> out = new ArrayList<>();
        for (PracticeEvent e : events) {
            out.add(new ProjectionWriter.Incoming(out.size(), user, e));
        }
        return out;
    }

    private static Insights insights(ProjectionReader.Person p) {
        return new Insights(p.history(), p.goal(), ZoneId.of("UTC"), CLOCK);
    }

    @Test
    void aWriterThatReadOlderFactsNeverOverwritesNewerOnes() throws Exception {
        String user = "stale-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        PracticeEvent start = event(session, EventType.SESSION_STARTED, DAY, null);
        PracticeEvent end = event(session, EventType.SESSION_COMPLETED, DAY.plusMinutes(20), null);
        for (String level : List.of("weeks", "years", "summaries")) {
            String u = user + "-" + level;
            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            // A reads the session with its start only, then waits before writing `level`...
            ProjectionWriter a = new ProjectionWriter(store, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), at -> {
                if (at.equals(level)) {
                    stalled.countDown();
                    await(goOn);
                }
            });
            CompletableFuture<Map<Integer, String>> slow = CompletableFuture.supplyAsync(() -> a.apply(batch(u, start), GEN, TestSeals.BATCH));
            await(stalled);
            // ...while B applies the end and finishes; then A writes what it read before.
            assertThat(new ProjectionWriter(store, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).apply(batch(u, start, end), GEN, TestSeals.BATCH)).isEmpty();
            goOn.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEmpty();

            ProjectionReader.Person p = reader.read(u, List.of(IsoWeek.parse("2026-W48")));
            assertThat(insights(p).streak().current()).as("streak after a stale write of " + level).isEqualTo(1);
            assertThat(insights(p).week(IsoWeek.parse("2026-W48"), p.sessions(List.of(IsoWeek.parse("2026-W48"))))
                    .minutes()).isEqualTo(20);
            assertThat(insights(p).reliefByRoutine().get(0).sessions()).isEqualTo(1);
        }
    }

    @Test
    void readsThatRaiseNoAlertLeaveTheSummarysAlertsPartsWithTheStore() {
        String user = "split-" + UUID.randomUUID();
        ProjectionWriter writer = new ProjectionWriter(store, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        List<PracticeEvent> events = new ArrayList<>();
        for (OffsetDateTime start : List.of(DAY.minusYears(1), DAY.minusDays(1), DAY)) {
            String session = UUID.randomUUID().toString();
            events.add(event(session, EventType.SESSION_STARTED, start, null));
            events.add(event(session, EventType.SESSION_COMPLETED, start.plusMinutes(20), null));
        }
        assertThat(writer.apply(batch(user, events.toArray(PracticeEvent[]::new)), GEN, TestSeals.BATCH)).isEmpty();

        ProjectionReader.Person with = reader.read(user, List.of());
        assertThat(with.summary().get("y", org.bson.Document.class).keySet()).containsExactlyInAnyOrder("2025", "2026");
        assertThat(with.summary().get(ProjectionReader.ALERTS, org.bson.Document.class).keySet())
                .containsExactlyInAnyOrder("2025", "2026");
        assertThat(with.history().lastSessionsWithPain()).hasSize(3);

        ProjectionReader.Person without = reader.read(user, List.of(), false);
        assertThat(without.summary()).doesNotContainKey(ProjectionReader.ALERTS).containsKey("y");
        assertThatThrownBy(without::history).isInstanceOf(IllegalStateException.class);
        History core = without.withoutAlerts();
        assertThat(core.days()).isEqualTo(with.history().days());
        assertThat(core.routines()).isEqualTo(with.history().routines());
        assertThat(core.latest()).isEqualTo(with.history().latest());
        assertThat(new Insights(core, without.goal(), ZoneId.of("UTC"), CLOCK).streak())
                .isEqualTo(insights(with).streak());
    }

    @Test
    void eventsThatDoNotSayTheirWeekWaitForTheirSessionsStartBeforeOrAfterIt() {
        String user = "legacy-" + UUID.randomUUID();
        ProjectionWriter writer = new ProjectionWriter(store, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        String session = UUID.randomUUID().toString();
        // A pose before its session's start, then the start, then the rest: each alone.
        assertThat(writer.apply(batch(user, legacy(session, EventType.POSE_COMPLETED, DAY.plusMinutes(1), 0)), GEN, TestSeals.BATCH)).isEmpty();
        assertThat(writer.apply(batch(user, legacy(session, EventType.SESSION_STARTED, DAY, null)), GEN, TestSeals.BATCH)).isEmpty();
        assertThat(writer.apply(batch(user, legacy(session, EventType.POSE_COMPLETED, DAY.plusMinutes(2), 1)), GEN, TestSeals.BATCH)).isEmpty();
        assertThat(writer.apply(batch(user, legacy(session, EventType.SESSION_ABANDONED, DAY.plusMinutes(3), null)), GEN, TestSeals.BATCH)).isEmpty();
        IsoWeek w48 = IsoWeek.parse("2026-W48");
        ProjectionReader.Person p = reader.read(user, List.of(w48));
        var week = insights(p).week(w48, p.sessions(List.of(w48)));
        assertThat(week.posesCompleted()).isEqualTo(2);
        assertThat(week.sessions().abandoned()).isEqualTo(1);
        assertThat(week.daysPracticed()).hasSize(1); // 2 of 4 steps: at least half
        assertThat(insights(p).streak().current()).isEqualTo(1);
    }

    @Test
    void sessionsBeyondAWeeksLimitAreRefusedAndTheRestCount() {
        String user = "busy-" + UUID.randomUUID();
        ProjectionWriter writer = new ProjectionWriter(store, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        List<PracticeEvent> events = new ArrayList<>();
        for (int i = 0; i < ProjectionWriter.MAX_SESSIONS_PER_WEEK; i++) {
            String s = UUID.randomUUID().toString();
            events.add(event(s, EventType.SESSION_STARTED, DAY.plusMinutes(i), null));
            events.add(event(s, EventType.SESSION_COMPLETED, DAY.plusMinutes(i).plusSeconds(30), null));
        }
        assertThat(writer.apply(batch(user, events.toArray(PracticeEvent[]::new)), GEN, TestSeals.BATCH)).isEmpty();
        String extra = UUID.randomUUID().toString();
        Map<Integer, String> refused = writer.apply(batch(user,
                event(extra, EventType.SESSION_STARTED, DAY.plusDays(1), null),
                event(extra, EventType.SESSION_COMPLETED, DAY.plusDays(1).plusMinutes(5), null)), GEN, TestSeals.BATCH);
        assertThat(refused).containsOnlyKeys(0, 1);
        assertThat(refused.get(0)).contains("2026-W48").contains("300 sessions");

        ProjectionReader.Person p = reader.read(user, List.of(IsoWeek.parse("2026-W48")));
        var week = insights(p).week(IsoWeek.parse("2026-W48"), p.sessions(List.of(IsoWeek.parse("2026-W48"))));
        assertThat(week.sessions().started()).isEqualTo(ProjectionWriter.MAX_SESSIONS_PER_WEEK);
        assertThat(week.daysPracticed()).hasSize(1); // Thursday's session was refused
        // Another week of the same person is not affected.
        assertThat(writer.apply(batch(user, event(UUID.randomUUID().toString(), EventType.SESSION_STARTED, DAY.plusDays(7), null)),
                GEN, TestSeals.BATCH)).isEmpty();
    }

    @Test
    void aSessionTheWeekHoldsIsNeverRefusedLaterWhateverItsPlaceInABatchOfNewSessions() {
        String user = "late-end-" + UUID.randomUUID();
        ProjectionWriter writer = new ProjectionWriter(store, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        // One session started; its end comes in a later batch, after more new sessions than a week may take.
        String early = UUID.randomUUID().toString();
        assertThat(writer.apply(batch(user, event(early, EventType.SESSION_STARTED, DAY, null)), GEN, TestSeals.BATCH)).isEmpty();
        List<PracticeEvent> events = new ArrayList<>();
        for (int i = 1; i <= ProjectionWriter.MAX_SESSIONS_PER_WEEK; i++) {
            events.add(event(UUID.randomUUID().toString(), EventType.SESSION_STARTED, DAY.plusMinutes(i), null));
        }
        events.add(event(early, EventType.SESSION_COMPLETED, DAY.plusMinutes(30), null));
        Map<Integer, String> refused = writer.apply(batch(user, events.toArray(PracticeEvent[]::new)), GEN, TestSeals.BATCH);
        // Exactly one new session is one too many; the early session's end counts.
        assertThat(refused).hasSize(1).doesNotContainKey(ProjectionWriter.MAX_SESSIONS_PER_WEEK);
        ProjectionReader.Person p = reader.read(user, List.of(IsoWeek.parse("2026-W48")));
        var week = insights(p).week(IsoWeek.parse("2026-W48"), p.sessions(List.of(IsoWeek.parse("2026-W48"))));
        assertThat(week.sessions().started()).isEqualTo(ProjectionWriter.MAX_SESSIONS_PER_WEEK);
        assertThat(week.sessions().completed()).isEqualTo(1);
    }

    @Test
    void eventsBeyondASessionsLimitAreRefused() {
        String user = "chatty-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        ProjectionWriter writer = new ProjectionWriter(store, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        List<PracticeEvent> events = new ArrayList<>();
        events.add(event(session, EventType.SESSION_STARTED, DAY, null));
        for (int i = 1; i < ProjectionWriter.MAX_EVENTS_PER_SESSION; i++) {
            events.add(event(session, EventType.POSE_STARTED, DAY.plusSeconds(i), i % 4));
        }
        assertThat(writer.apply(batch(user, events.toArray(PracticeEvent[]::new)), GEN, TestSeals.BATCH)).isEmpty();
        Map<Integer, String> refused = writer.apply(batch(user,
                event(session, EventType.POSE_COMPLETED, DAY.plusHours(1), 0),
                event(session, EventType.SESSION_COMPLETED, DAY.plusHours(1), null)), GEN, TestSeals.BATCH);
        assertThat(refused).containsOnlyKeys(0, 1);
        assertThat(refused.get(0)).contains("1000 events");
        // Applying an event already kept is no new event: a duplicate is never refused.
        assertThat(writer.apply(batch(user, events.get(0)), GEN, TestSeals.BATCH)).isEmpty();
    }

    @Test
    void anUpdateTooLargeForTheStoreIsRefusedAndTheBatchGoesOn() {
        String user = "huge-" + UUID.randomUUID();
        String ok = UUID.randomUUID().toString();
        String huge = UUID.randomUUID().toString();
        // A week earlier: the events of one week go in one update, so it is the week's that the store refuses.
        PracticeEvent tooLarge = new PracticeEvent(UUID.randomUUID().toString(), huge, EventType.SESSION_STARTED,
                DAY.minusDays(7), "r".repeat(17_000_000), 1, 4, "UTC", null, null, DAY.minusDays(7));
        Map<Integer, String> refused = new ProjectionWriter(store, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).apply(batch(user,
                event(ok, EventType.SESSION_STARTED, DAY, null), tooLarge,
                event(ok, EventType.SESSION_COMPLETED, DAY.plusMinutes(10), null)), GEN, TestSeals.BATCH);
        assertThat(refused).containsOnlyKeys(1);
        assertThat(refused.get(1)).contains("larger than the store takes");
        ProjectionReader.Person p = reader.read(user, List.of());
        assertThat(insights(p).streak().current()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.sukha.insights.usecase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.Pause;
import dev.sukha.insights.messaging.PracticeRecord;
import dev.sukha.insights.store.Generations;
import dev.sukha.insights.store.People;
import dev.sukha.insights.store.PoseLibrary;
import dev.sukha.insights.store.ProjectionReader;
import dev.sukha.insights.store.ProjectionWriter;
import dev.sukha.insights.store.TestSeals;
import dev.sukha.insights.store.Revisions;
import dev.sukha.insights.store.RoutineTitles;
import dev.sukha.insights.store.Store;
import dev.sukha.insights.domain.Figure;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever happens to a person — events in any batches, pauses added and ended, goals changed, a
 * rebuild into a new generation, a new title in the catalogue, or nothing at all — a figure's tag is
 * unchanged only if its body is, byte for byte. Through the real writer, reader, settings,
 * revisions (remembered, as conditional reads use them, and forgotten where production tells a change)
 * and figures, on a MongoDB-wire store, each body serialized as the API answers it.
 */
class TagsPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final List<String> ROUTINES = List.of("upper-back-release", "neck-and-jaw");

    private static MongoServer server;
    private static MongoClient client;
    private static Store store;
    private static Generations generations;
    private static ProjectionWriter writer;
    private static People people;
    private static Revisions revisions;
    private static RoutineTitles titles;
    private static Figures figures;
    private static FigureTags tags;
    private static RememberedRevisions remembered;

    @BeforeContainer
    static void store() {
        server = new MongoServer(dev.sukha.stack.StoreBackend.inMemory());
        client = MongoClients.create(server.bindAndGetConnectionString());
        store = new Store(client, "tags");
        generations = new Generations(store);
        generations.initialise(new Generations.State(1L, null, 2));
        writer = new ProjectionWriter(store, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        people = new People(store, TestSeals.SEALS);
        revisions = new Revisions(store);
        titles = new RoutineTitles(store, revisions);
        ROUTINES.forEach(r -> titles.record(r, 1, "Title of " + r, Map.of(1, 8), null));
        PoseLibrary poses = new PoseLibrary(store, revisions);
        figures = new Figures(new ProjectionReader(store, generations, TestSeals.SEALS), people, titles, poses, null);
        // Remembered revisions, trusted for the whole test: each action below forgets what the code that
        // does it in production tells figure-changes (the consumer, a pause or goal, a rebuild, a title).
        ChangeWatermark heardAlways = new ChangeWatermark(Long.MAX_VALUE / 4);
        heardAlways.assigned(java.util.Set.of(0));
        heardAlways.heard(0, 1, System.currentTimeMillis());
        remembered = new RememberedRevisions(u -> revisions.snapshot(u, false), revisions::catalogue, u -> revisions.snapshot(u, true),
                1000, 600_000, heardAlways, System::currentTimeMillis);
        tags = new FigureTags(remembered, generations);
    }

    @AfterContainer
    static void close() {
        client.close();
        server.shutdownNow();
    }

    enum Action { EVENTS, PAUSE, END_PAUSE, GOAL, REBUILD, CATALOGUE, NOTHING }

    @Provide
    Arbitrary<List<Action>> lives() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(6, Action.EVENTS), net.jqwik.api.Tuple.of(2, Action.PAUSE),
                net.jqwik.api.Tuple.of(1, Action.END_PAUSE), net.jqwik.api.Tuple.of(2, Action.GOAL),
                net.jqwik.api.Tuple.of(1, Action.REBUILD), net.jqwik.api.Tuple.of(1, Action.CATALOGUE),
                net.jqwik.api.Tuple.of(4, Action.NOTHING)).list().ofMinSize(1).ofMaxSize(14);
    }

    @Property(tries = 150)
    void aTagIsUnchangedOnlyIfItsBodyIs(@ForAll("lives") List<Action> life, @ForAll long seed) throws Exception {
        Random r = new Random(seed);
        String user = "t-" + UUID.randomUUID();
        List<PracticeRecord> applied = new ArrayList<>();
        List<Pause> pauses = new ArrayList<>();
        Map<Figure, String[]> last = new EnumMap<>(Figure.class);
        observe(user, last);
        for (Action action : life) {
            switch (action) {
                case EVENTS -> {
                    List<PracticeRecord> session = session(user, r);
                    for (int i = 0; i < session.size(); ) {
                        int n = 1 + r.nextInt(3);
                        List<ProjectionWriter.Incoming> batch = new ArrayList<>();
                        for (PracticeRecord rec : session.subList(i, Math.min(session.size(), i + n))) {
                            batch.add(new ProjectionWriter.Incoming(batch.size(), user, rec.event()));
                        }
                        writer.apply(batch, generations.state().live(), TestSeals.BATCH);
                        revisions.figuresChanged(List.of(user));
                        remembered.forget(user);
                        i += n;
                    }
                    applied.addAll(session);
                }
                case PAUSE -> {
                    LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(r.nextInt(7));
                    Pause p = new Pause(UUID.randomUUID().toString(), from, from.plusDays(r.nextInt(5)), "flare");
                    people.putPause(user, p);
                    remembered.forget(user);
                    pauses.add(p);
                }
                case END_PAUSE -> {
                    if (!pauses.isEmpty()) {
                        people.removePause(user, pauses.remove(r.nextInt(pauses.size())).id());
                        remembered.forget(user);
                    }
                }
                case GOAL -> {
                    people.setGoal(user, IsoWeek.of(LocalDate.now(ZoneOffset.UTC)), 1 + r.nextInt(7));
                    remembered.forget(user);
                }
                case REBUILD -> {
                    // Everything applied so far, into the next generation, which becomes the live one.
                    long target = generations.claimNext().orElseThrow();
                    List<ProjectionWriter.Incoming> all = new ArrayList<>();
                    applied.forEach(rec -> all.add(new ProjectionWriter.Incoming(all.size(), user, rec.event())));
                    if (!all.isEmpty()) {
                        writer.apply(all, target, TestSeals.BATCH);
                    }
                    generations.switchTo(target);
                    remembered.forgetAll();
                }
                case CATALOGUE -> {
                    titles.record(ROUTINES.get(r.nextInt(ROUTINES.size())), 1 + r.nextInt(3), "Title " + r.nextInt(1000), Map.of(1, 8), null);
                    remembered.forgetAll();
                }
                case NOTHING -> { }
            }
            observe(user, last);
        }
    }

    /** Each figure's tag and body now; a tag seen before must come with the body seen with it. */
    private static void observe(String user, Map<Figure, String[]> last) throws Exception {
        for (Figure f : new Figure[]{Figure.STREAK, Figure.WEEK, Figure.TREND, Figure.RELIEF, Figure.DISCOMFORT,
                Figure.ASYMMETRY, Figure.PAUSES}) {
            // The tag from the state read first, the body after: as a request computes them.
            String tag = FigureTags.tag(tags.state(user), f, user, Map.of(), null);
            String body = JSON.writeValueAsString(body(f, user));
            String[] before = last.put(f, new String[]{tag, body});
            if (before != null) {
                boolean same = before[0].equals(tag);
                Statistics.label("tag kept").collect(same);
                if (same) {
                    assertThat(body).as("%s: the tag %s was kept", f, tag).isEqualTo(before[1]);
                }
            }
        }
        Statistics.label("tag kept").coverage(c -> {
            c.check(true).percentage(p -> p > 5);
            c.check(false).percentage(p -> p > 5);
        });
    }

    private static Object body(Figure f, String user) {
        Map<Figure, Supplier<Object>> reads = Map.of(
                Figure.STREAK, () -> figures.streak(user, null),
                Figure.WEEK, () -> figures.week(user, null, null),
                Figure.TREND, () -> figures.trend(user, null, null, null),
                Figure.RELIEF, () -> figures.relief(user),
                Figure.DISCOMFORT, () -> figures.poseDiscomfort(user, null, null),
                Figure.ASYMMETRY, () -> figures.asymmetry(user, null, null),
                Figure.PAUSES, () -> figures.pauses(user));
        return reads.get(f).get();
    }

    /** A session of the last two weeks as session-service records it: start, a few poses, mostly an end. */
    private static List<PracticeRecord> session(String user, Random r) throws Exception {
        String session = UUID.randomUUID().toString();
        String routine = ROUTINES.get(r.nextInt(ROUTINES.size()));
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(r.nextInt(14)).minusHours(1 + r.nextInt(5)).withNano(0);
        List<PracticeRecord> out = new ArrayList<>();
        out.add(record(user, session, routine, "SESSION_STARTED", start, null, r.nextBoolean() ? 3 + r.nextInt(6) : null));
        for (int step = 0; step < 8; step++) {
            if (r.nextInt(3) > 0) {
                out.add(record(user, session, routine, r.nextInt(4) == 0 ? "POSE_SKIPPED" : "POSE_COMPLETED",
                        start.plusMinutes(step + 1), step, null));
            }
        }
        if (r.nextInt(4) > 0) {
            out.add(record(user, session, routine, r.nextBoolean() ? "SESSION_COMPLETED" : "SESSION_ABANDONED",
                    start.plusMinutes(12), null, r.nextBoolean() ? r.nextInt(7) : null));
        }
        return out;
    }

    private static PracticeRecord record(String user, String session, String routine, String type, OffsetDateTime at,
                                         Integer step, Integer pain) throws Exception {
        ObjectNode e = JSON.createObjectNode().put("schemaVersion", 1).put("eventId", UUID.randomUUID().toString())
                .put("userId", user).put("sessionId", session).put("type", type).put("occurredAt", at.toString())
                .put("recordedAt", at.toString()).put("routineId", routine).put("routineVersion", 1).put("stepCount", 8)
                .put("zone", "UTC");
        if (step != null) {
            e.put("step", step).put("pose", step % 2 == 0 ? "thread-the-needle" : "cat-cow").put("side", step % 2 == 0 ? "left" : "none");
            if (type.equals("POSE_COMPLETED")) {
                e.put("discomfort", step % 11);
            } else {
                e.put("reason", "pain");
            }
        }
        if (pain != null) {
            e.putObject("pain").put("neck", pain);
        }
        return PracticeRecord.read(user, e);
    }
}

package dev.sukha.insights.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.sukha.insights.domain.History;
import dev.sukha.insights.domain.Insights;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.PainAlert;
import dev.sukha.insights.domain.Pause;
import dev.sukha.insights.domain.Pauses;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.domain.StepFeel;
import dev.sukha.insights.messaging.PracticeRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever order events arrive in, however often each is delivered, however late a session
 * syncs, and whether one writer or two apply them at once (a rebuild beside the live
 * consumer), every figure is the one computed from the history in order. Events go through
 * the real reader and the real four-level writer into a MongoDB-wire store, and are read
 * back the way requests read them; the figures are compared with (1) the same rules over
 * facts taken straight from the history, and (2) a plain reference recomputation of the
 * core numbers written independently here.
 */
class OrderIndependenceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<String> ZONES = List.of("UTC", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata", "Europe/Paris");
    private static final List<String> AREAS = List.of("neck", "upper_back", "jaw");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GEN = 1;

    private static MongoServer server;
    private static Store store;
    private static MongoClient client;
    private static ProjectionWriter writer;
    private static ProjectionReader reader;
    private static People people;
    private static ExecutorService twoWriters;

    @BeforeContainer
    static void store() {
        server = new MongoServer(dev.sukha.stack.StoreBackend.inMemory());
        client = MongoClients.create(server.bindAndGetConnectionString());
        store = new Store(client, "property");
        Generations generations = new Generations(store);
        generations.initialise(new Generations.State(GEN, null, GEN + 1));
        writer = new ProjectionWriter(store, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        reader = new ProjectionReader(store, generations, TestSeals.SEALS);
        people = new People(store, TestSeals.SEALS);
        twoWriters = Executors.newFixedThreadPool(2);
    }

    @AfterContainer
    static void close() {
        twoWriters.shutdownNow();
        client.close();
        server.shutdownNow();
    }

    /** One generated session, as the person practised it. */
    record Practised(String id, String routine, int steps, String zone, OffsetDateTime start, int minutes,
                     String end, Set<Integer> completed, Set<Integer> skipped,
                     Map<String, Integer> before, Map<String, Integer> after, boolean legacy,
                     Map<Integer, StepFeel> feels) {
    }

    /** The pose and side of a routine's step: two sided poses and one without sides, in turn. */
    static StepFeel stepOf(String routine, int step, Integer discomfort, String reason) {
        String[] poses = {routine.substring(0, 4) + "-thread", "bridge", "cat-cow"};
        String pose = poses[(step / 2) % 3];
        String side = pose.equals("cat-cow") ? "none" : step % 2 == 0 ? "left" : "right";
        return new StepFeel(pose, side, pose.equals("bridge") ? null : "Gentler " + pose, discomfort, reason);
    }

    static final List<String> REASONS = java.util.Arrays.asList("pain", "too_hard", "no_time", "other", null);

    @Provide
    Arbitrary<List<Practised>> histories() {
        Arbitrary<Practised> session = Combinators.combine(
                Arbitraries.of("upper-back-release", "neck-and-jaw", "chair-only"),
                Arbitraries.integers().between(2, 8),
                Arbitraries.of(ZONES),
                // Most sessions in the last two months; some up to two and a half years back (years, old alerts).
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(0, Duration.ofDays(59).toMinutes())),
                        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, Duration.ofDays(900).toMinutes()))),
                Arbitraries.integers().between(1, 260),
                Arbitraries.of("SESSION_COMPLETED", "SESSION_ABANDONED", "UNENDED"),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 3)
        ).as((routine, steps, zone, minutesAgo, minutes, end, seed, painShape) -> {
            Random r = new Random(seed);
            OffsetDateTime start = NOW.minus(Duration.ofMinutes(minutesAgo)).atZone(ZoneId.of(zone)).toOffsetDateTime()
                    .withNano(0);
            Set<Integer> completed = new TreeSet<>();
            Set<Integer> skipped = new TreeSet<>();
            // One session in five as records written before they named the step's pose: no feels.
            boolean named = r.nextInt(5) > 0;
            Map<Integer, StepFeel> feels = new TreeMap<>();
            for (int i = 0; i < steps; i++) {
                int pick = r.nextInt(3);
                if (pick == 0) {
                    completed.add(i);
                    if (named) {
                        // Mostly high ratings, so that pose alerts come and go.
                        feels.put(i, stepOf(routine, i, r.nextInt(4) == 0 ? null : r.nextInt(3) == 0 ? r.nextInt(11) : 6 + r.nextInt(5), null));
                    }
                } else if (pick == 1) {
                    skipped.add(i);
                    if (named) {
                        feels.put(i, stepOf(routine, i, null, REASONS.get(r.nextInt(REASONS.size()))));
                    }
                }
            }
            Map<String, Integer> before = painShape == 0 ? null : ratings(r);
            Map<String, Integer> after = painShape == 0 || painShape == 1 || end.equals("UNENDED") ? null : ratings(r);
            // One session in four as records written before sessionStartedAt: its events wait for its start.
            return new Practised(UUID.randomUUID().toString(), routine, steps, zone, start, minutes,
                    end.equals("UNENDED") ? null : end, completed, skipped, before, after, r.nextInt(4) == 0, feels);
        });
        return session.list().ofMinSize(0).ofMaxSize(25);
    }

    private static Map<String, Integer> ratings(Random r) {
        Map<String, Integer> m = new TreeMap<>();
        for (String area : AREAS) {
            if (r.nextInt(3) > 0) {
                m.put(area, r.nextInt(11));
            }
        }
        return m.isEmpty() ? Map.of("neck", r.nextInt(11)) : m;
    }

    @Property(tries = 2000)
    void figuresDoNotDependOnOrderDuplicatesLatenessOrConcurrentWriters(@ForAll("histories") List<Practised> history,
                                                                       @ForAll long deliverySeed) throws Exception {
        String user = "u-" + UUID.randomUUID();
        List<PracticeRecord> inOrder = records(user, history);
        // Deliver: shuffled, about a third of events twice, in random batches (a late sync is just a later batch);
        // half the time by two writers at once, each with every event, in its own order.
        Random r = new Random(deliverySeed);
        List<PracticeRecord> delivery = shuffledWithDuplicates(inOrder, r);
        if (r.nextBoolean()) {
            List<PracticeRecord> other = new ArrayList<>(inOrder);
            Collections.shuffle(other, r);
            long seed = r.nextLong();
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> deliver(user, delivery, new Random(seed)), twoWriters);
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> deliver(user, other, new Random(~seed)), twoWriters);
            a.get();
            b.get();
        } else {
            deliver(user, delivery, r);
        }
        people.setGoal(user, IsoWeek.parse("2026-W40"), 3);
        // Pauses beside the events: overlapping, starting in the past, some cancelled again.
        List<Pause> kept = new ArrayList<>();
        LocalDate base = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        for (int i = r.nextInt(5); i > 0; i--) {
            LocalDate from = base.minusDays(r.nextInt(75)).plusDays(r.nextInt(10));
            Pause pause = new Pause(UUID.randomUUID().toString(), from, from.plusDays(r.nextInt(16)),
                    r.nextBoolean() ? "flare" : null);
            people.putPause(user, pause);
            if (r.nextInt(4) == 0) {
                people.removePause(user, pause.id());
            } else {
                kept.add(pause);
            }
        }

        List<SessionFacts> facts = facts(history);
        Insights truth = new Insights(History.of(facts), new dev.sukha.insights.domain.WeeklyGoal(Map.of(IsoWeek.parse("2026-W40"), 3)),
                new Pauses(kept), null, CLOCK);
        IsoWeek thisWeek = truth.thisWeek();
        List<IsoWeek> tenWeeks = new ArrayList<>();
        for (int w = 0; w < 10; w++) {
            tenWeeks.add(thisWeek.plus(-w));
        }
        ProjectionReader.Person stored = reader.read(user, tenWeeks);
        Insights delivered = new Insights(stored.history(), stored.goal(), stored.pauses(), null, CLOCK);

        // (1) Every endpoint's figures equal those of the history in order.
        assertThat(delivered.zone()).isEqualTo(truth.zone());
        assertThat(delivered.streak()).isEqualTo(truth.streak());
        assertThat(delivered.reliefByRoutine()).isEqualTo(truth.reliefByRoutine());
        assertThat(delivered.painTrend(8, null, stored.sessions(tenWeeks))).isEqualTo(truth.painTrend(8, null, facts));
        assertThat(delivered.painTrend(10, "neck", stored.sessions(tenWeeks))).isEqualTo(truth.painTrend(10, "neck", facts));
        List<SessionFacts> inWindow = facts.stream().filter(f -> tenWeeks.contains(IsoWeek.of(f.localDate()))).toList();
        assertThat(delivered.poseDiscomfort(stored.sessions(tenWeeks), Map.of()))
                .isEqualTo(truth.poseDiscomfort(inWindow, Map.of()));
        assertThat(delivered.asymmetry(stored.sessions(tenWeeks), Map.of(), Map.of()))
                .isEqualTo(truth.asymmetry(inWindow, Map.of(), Map.of()));
        // A week's figures are served from the latest year alone: the same answer.
        Insights weekly = new Insights(stored.latestOnly(), stored.goal(), stored.pauses(), null, CLOCK);
        assertThat(weekly.zone()).isEqualTo(truth.zone());
        for (IsoWeek week : tenWeeks) {
            assertThat(weekly.week(week, stored.sessions(List.of(week)))).isEqualTo(truth.week(week, facts));
        }

        // (2) A plain recomputation of the core numbers from the raw history.
        Reference ref = new Reference(history, truth.zone(), kept);
        assertThat(delivered.streak().current()).isEqualTo(ref.currentStreak());
        assertThat(delivered.streak().longest()).isEqualTo(ref.longestStreak());
        assertThat(delivered.streak().pausedToday()).isEqualTo(ref.paused(ref.today));
        Insights.WeekView week = delivered.week(thisWeek, stored.sessions(List.of(thisWeek)));
        assertThat(week.daysPracticed()).isEqualTo(ref.daysIn(thisWeek));
        assertThat(week.pausedDays()).isEqualTo(ref.pausedIn(thisWeek));
        assertThat(week.goalDays()).isEqualTo(Math.min(3, 7 - ref.pausedIn(thisWeek).size()));
        assertThat(week.minutes()).isEqualTo(ref.minutesIn(thisWeek));
        assertThat(week.sessions().started()).isEqualTo(ref.startedIn(thisWeek));
        assertThat(week.posesCompleted()).isEqualTo(ref.posesIn(thisWeek));
        assertThat(delivered.reliefByRoutine().stream().filter(e -> e.sessions() > 0)
                .map(e -> e.routineId() + "=" + e.avgRelief()).sorted().toList())
                .isEqualTo(ref.reliefByRoutine());
        assertThat(delivered.painTrend(8, null, List.of()).alerts().stream()
                .filter(a -> a.type().equals("PAIN_WORSENING") && a.reason().contains("sessions")).map(PainAlert::since).toList())
                .isEqualTo(ref.worseAfterSessions());
        assertThat(delivered.painTrend(8, null, List.of()).alerts().stream()
                .filter(a -> a.type().equals("POSE_PAIN")).map(a -> a.since() + " " + a.reason()).toList())
                .isEqualTo(ref.posePain());
        Map<String, String> means = new TreeMap<>();
        delivered.poseDiscomfort(stored.sessions(tenWeeks), Map.of()).forEach(e -> means.put(e.pose(),
                e.ratings() + "/" + e.avgDiscomfort() + "/" + e.skippedForPain() + "/" + e.bySide().left().avgDiscomfort()
                        + "/" + e.bySide().right().avgDiscomfort()));
        assertThat(means).isEqualTo(ref.poseFigures(tenWeeks));
    }

    /** The records, about a third of them twice, shuffled. */
    private static List<PracticeRecord> shuffledWithDuplicates(List<PracticeRecord> inOrder, Random r) {
        List<PracticeRecord> delivery = new ArrayList<>(inOrder);
        for (PracticeRecord e : inOrder) {
            if (r.nextInt(3) == 0) {
                delivery.add(e);
            }
        }
        Collections.shuffle(delivery, r);
        return delivery;
    }

    private static void deliver(String user, List<PracticeRecord> records, Random r) {
        deliver(writer, GEN, user, records, r);
    }

    private static void deliver(ProjectionWriter writer, long gen, String user, List<PracticeRecord> records, Random r) {
        for (int i = 0; i < records.size(); ) {
            int n = 1 + r.nextInt(r.nextBoolean() ? 4 : 40);
            List<ProjectionWriter.Incoming> batch = new ArrayList<>();
            for (PracticeRecord rec : records.subList(i, Math.min(records.size(), i + n))) {
                batch.add(new ProjectionWriter.Incoming(batch.size(), user, rec.event()));
            }
            assertThat(writer.apply(batch, gen, TestSeals.BATCH)).isEmpty();
            i += n;
        }
    }

    /**
     * The writer does not read back a document its own write created: it knows what it holds. Checked
     * against a writer that reads everything back, delivering the same batches into another generation:
     * every document of every level is the same.
     */
    @Property(tries = 300)
    void documentsAWriteCreatedHoldWhatReadingThemBackWouldGive(@ForAll("histories") List<Practised> history,
                                                                @ForAll long deliverySeed) throws Exception {
        String user = "c-" + UUID.randomUUID();
        List<PracticeRecord> inOrder = records(user, history);
        // A duplicate in the batch that creates a document is one line in it, as in a document read back.
        Random r = new Random(deliverySeed);
        List<PracticeRecord> delivery = shuffledWithDuplicates(inOrder, r);
        long seed = r.nextLong();
        var trustingReads = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        var allReads = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        deliver(new ProjectionWriter(store, trustingReads), 21, user, delivery, new Random(seed));
        deliver(new ProjectionWriter(store, allReads, level -> { }, true), 22, user, delivery, new Random(seed));
        assertThat(generation(21, user)).isEqualTo(generation(22, user));
        // Not vacuous: the writer did leave documents unread (it reads whole levels less often).
        boolean skipped = reads(trustingReads) < reads(allReads);
        net.jqwik.api.statistics.Statistics.label("reads skipped").collect(skipped);
        net.jqwik.api.statistics.Statistics.label("reads skipped").coverage(c -> c.check(true).percentage(p -> p > 50));
    }

    private static long reads(io.micrometer.core.instrument.MeterRegistry metrics) {
        return metrics.find("sukha.insights.projection.level").tag("op", "read").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count).sum();
    }

    /** A person's documents of a generation, by {@code _id} without the generation. */
    private static Map<String, org.bson.Document> generation(long gen, String user) {
        Map<String, org.bson.Document> out = new TreeMap<>();
        String summary = ProjectionIds.summary(gen, user);
        String[] range = ProjectionIds.personRange(gen, user);
        store.projection().find(com.mongodb.client.model.Filters.or(com.mongodb.client.model.Filters.eq("_id", summary),
                        com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.gte("_id", range[0]),
                                com.mongodb.client.model.Filters.lt("_id", range[1]))))
                .forEach(d -> out.put(d.getString("_id").substring(d.getString("_id").indexOf('|')), d.append("_id", null)));
        return out;
    }

    /** The records of every session of a history, session by session. */
    private static List<PracticeRecord> records(String user, List<Practised> history) throws Exception {
        List<PracticeRecord> out = new ArrayList<>();
        for (Practised p : history) {
            out.addAll(records(user, p));
        }
        return out;
    }

    /** The records session-service would write for a session, read through insights' reader. */
    private static List<PracticeRecord> records(String user, Practised p) throws Exception {
        List<PracticeRecord> out = new ArrayList<>();
        out.add(record(user, p, "SESSION_STARTED", p.start(), null, p.before()));
        int minute = 0;
        for (int step = 0; step < p.steps(); step++) {
            if (p.completed().contains(step)) {
                out.add(record(user, p, "POSE_COMPLETED", p.start().plusMinutes(++minute), step, null));
            } else if (p.skipped().contains(step)) {
                out.add(record(user, p, "POSE_SKIPPED", p.start().plusMinutes(++minute), step, null));
            }
        }
        if (p.end() != null) {
            out.add(record(user, p, p.end(), p.start().plusMinutes(p.minutes()), null, p.after()));
        }
        return out;
    }

    private static PracticeRecord record(String user, Practised p, String type, OffsetDateTime at, Integer step,
                                         Map<String, Integer> pain) throws Exception {
        ObjectNode e = JSON.createObjectNode();
        e.put("schemaVersion", 1).put("eventId", UUID.randomUUID().toString()).put("userId", user)
                .put("sessionId", p.id()).put("type", type)
                .put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at))
                .put("recordedAt", NOW.toString()).put("routineId", p.routine()).put("routineVersion", 1)
                .put("stepCount", p.steps()).put("zone", p.zone());
        if (!p.legacy()) {
            e.put("sessionStartedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(p.start()));
        }
        if (step != null) {
            e.put("step", step);
            StepFeel f = p.feels().get(step);
            if (f != null) {
                e.put("pose", f.pose()).put("side", f.side());
                if (f.gentler() != null) {
                    e.put("gentler", f.gentler());
                }
                if (f.discomfort() != null) {
                    e.put("discomfort", f.discomfort());
                }
                if (f.reason() != null) {
                    e.put("reason", f.reason());
                }
            }
        }
        if (pain != null) {
            e.set("pain", JSON.valueToTree(pain));
        }
        return PracticeRecord.read(user, e);
    }

    private static List<SessionFacts> facts(List<Practised> history) {
        return history.stream().map(p -> new SessionFacts(p.id(), p.routine(), 1, p.steps(), p.zone(), p.start(), p.end(),
                p.end() == null ? null : p.start().plusMinutes(p.minutes()), p.before(), p.after(), p.completed(),
                p.skipped(), p.feels())).toList();
    }

    /** The contract's definitions, recomputed the simple way. */
    static final class Reference {
        private final List<Practised> history;
        private final List<Pause> pauses;
        final LocalDate today;
        private final TreeSet<LocalDate> days = new TreeSet<>();

        Reference(List<Practised> history, ZoneId zone, List<Pause> pauses) {
            this.history = history;
            this.pauses = pauses;
            this.today = LocalDate.ofInstant(NOW, zone);
            for (Practised p : history) {
                boolean counts = "SESSION_COMPLETED".equals(p.end())
                        || ("SESSION_ABANDONED".equals(p.end()) && p.completed().size() * 2 >= p.steps());
                if (counts) {
                    days.add(localDate(p));
                }
            }
        }

        static LocalDate localDate(Practised p) {
            return p.start().atZoneSameInstant(ZoneId.of(p.zone())).toLocalDate();
        }

        /** Inside a pause, and not practised. */
        boolean paused(LocalDate d) {
            return !days.contains(d) && pauses.stream().anyMatch(p -> !d.isBefore(p.from()) && !d.isAfter(p.to()));
        }

        int currentStreak() {
            LocalDate d = days.contains(today) || paused(today) ? today : today.minusDays(1);
            int n = 0;
            while (days.contains(d) || paused(d)) {
                if (days.contains(d)) {
                    n++;
                }
                d = d.minusDays(1);
            }
            return n;
        }

        /** From each practice day, forwards over practice and paused days, counting practice days. */
        int longestStreak() {
            int best = 0;
            for (LocalDate d : days) {
                int n = 0;
                for (LocalDate x = d; days.contains(x) || paused(x); x = x.plusDays(1)) {
                    if (days.contains(x)) {
                        n++;
                    }
                }
                best = Math.max(best, n);
            }
            return best;
        }

        List<LocalDate> pausedIn(IsoWeek week) {
            List<LocalDate> out = new ArrayList<>();
            for (LocalDate d = week.monday(); !d.isAfter(week.sunday()); d = d.plusDays(1)) {
                if (paused(d)) {
                    out.add(d);
                }
            }
            return out;
        }

        private List<Practised> in(IsoWeek week) {
            return history.stream().filter(p -> {
                LocalDate d = localDate(p);
                return !d.isBefore(week.monday()) && !d.isAfter(week.sunday());
            }).toList();
        }

        List<LocalDate> daysIn(IsoWeek week) {
            return days.stream().filter(d -> !d.isBefore(week.monday()) && !d.isAfter(week.sunday())).toList();
        }

        long minutesIn(IsoWeek week) {
            long seconds = 0;
            for (Practised p : in(week)) {
                if (p.end() != null) {
                    seconds += Math.min(p.minutes() * 60L, 3 * 3600L);
                }
            }
            return Math.round(seconds / 60.0);
        }

        int startedIn(IsoWeek week) {
            return in(week).size();
        }

        int posesIn(IsoWeek week) {
            return in(week).stream().mapToInt(p -> p.completed().size()).sum();
        }

        /** Each session's areas rated both before and after; empty when there are none. */
        private static Set<String> both(Practised p) {
            if (p.before() == null || p.after() == null) {
                return Set.of();
            }
            Set<String> both = new HashSet<>(p.before().keySet());
            both.retainAll(p.after().keySet());
            return both;
        }

        /** Exact: a session's relief times 6 is an integer (at most 3 areas), so each mean is a fraction. */
        List<String> reliefByRoutine() {
            Map<String, long[]> byRoutine = new TreeMap<>(); // routine -> {sum of 6*relief, sessions}
            for (Practised p : history) {
                Set<String> both = both(p);
                if (both.isEmpty()) {
                    continue;
                }
                long drop = both.stream().mapToLong(a -> p.before().get(a) - p.after().get(a)).sum();
                long[] acc = byRoutine.computeIfAbsent(p.routine(), k -> new long[2]);
                acc[0] += drop * (6 / both.size());
                acc[1]++;
            }
            return byRoutine.entrySet().stream()
                    .map(e -> e.getKey() + "=" + BigDecimal.valueOf(e.getValue()[0])
                            .divide(BigDecimal.valueOf(6 * e.getValue()[1]), 2, RoundingMode.HALF_UP).doubleValue())
                    .toList();
        }

        /** The three-session alert's "since": the first worse session of the last three with both, if two are worse. */
        List<LocalDate> worseAfterSessions() {
            List<Practised> rated = history.stream().filter(p -> !both(p).isEmpty())
                    .sorted(Comparator.comparing((Practised p) -> p.start().toInstant()).thenComparing(Practised::id))
                    .toList();
            List<Practised> last3 = rated.subList(Math.max(0, rated.size() - 3), rated.size());
            List<LocalDate> worse = new ArrayList<>();
            for (Practised p : last3) {
                long rise = both(p).stream().mapToLong(a -> p.after().get(a) - p.before().get(a)).sum();
                if (rise >= 2L * both(p).size()) {
                    worse.add(localDate(p));
                }
            }
            return worse.size() >= 2 ? List.of(worse.get(0)) : List.of();
        }

        private List<Practised> byStart() {
            return history.stream().sorted(Comparator.comparing((Practised p) -> p.start().toInstant())
                    .thenComparing(Practised::id)).toList();
        }

        /** Per pose: two of its last three ratings 7 or more, else two of the last three sessions reaching it skipped for pain. */
        List<String> posePain() {
            Map<String, List<int[]>> ratings = new TreeMap<>(); // pose -> [discomfort, session index]
            Map<String, List<Integer>> reaches = new TreeMap<>(); // pose -> sessions: 1 when skipped for pain
            Map<String, List<LocalDate>> dates = new TreeMap<>();
            List<Practised> ordered = byStart();
            List<String> alerts = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                Practised p = ordered.get(i);
                Map<String, Integer> reached = new TreeMap<>();
                for (var e : new TreeMap<>(p.feels()).entrySet()) {
                    StepFeel f = e.getValue();
                    if (f.discomfort() != null) {
                        ratings.computeIfAbsent(f.pose(), k -> new ArrayList<>()).add(new int[]{f.discomfort(), i});
                    }
                    reached.merge(f.pose(), "pain".equals(f.reason()) ? 1 : 0, Math::max);
                }
                int index = i;
                reached.forEach((pose, pain) -> reaches.computeIfAbsent(pose, k -> new ArrayList<>()).add(pain * (index + 1)));
            }
            java.util.SortedSet<String> poses = new TreeSet<>(ratings.keySet());
            poses.addAll(reaches.keySet());
            for (String pose : poses) {
                List<int[]> r = ratings.getOrDefault(pose, List.of());
                List<int[]> last = r.subList(Math.max(0, r.size() - 3), r.size());
                List<int[]> hot = last.stream().filter(x -> x[0] >= 7).toList();
                if (hot.size() >= 2) {
                    alerts.add(localDate(ordered.get(hot.get(0)[1])) + " " + pose + " was rated 7 or more in " + hot.size()
                            + " of its last " + last.size() + " ratings.");
                    continue;
                }
                List<Integer> s = reaches.getOrDefault(pose, List.of());
                List<Integer> lastS = s.subList(Math.max(0, s.size() - 3), s.size());
                List<Integer> pain = lastS.stream().filter(x -> x > 0).toList();
                if (pain.size() >= 2) {
                    alerts.add(localDate(ordered.get(pain.get(0) - 1)) + " " + pose + " was skipped for pain in " + pain.size()
                            + " of the last " + lastS.size() + " sessions that reached it.");
                }
            }
            alerts.sort(Comparator.naturalOrder());
            return alerts;
        }

        /** Per pose rated or skipped for pain in the weeks: "ratings/mean/skippedForPain/left mean/right mean". */
        Map<String, String> poseFigures(List<IsoWeek> weeks) {
            Map<String, long[]> t = new TreeMap<>(); // n, sum, skips, nL, sumL, nR, sumR
            for (Practised p : history) {
                if (!weeks.contains(IsoWeek.of(localDate(p)))) {
                    continue;
                }
                for (StepFeel f : p.feels().values()) {
                    if (f.discomfort() == null && !"pain".equals(f.reason())) {
                        continue;
                    }
                    long[] a = t.computeIfAbsent(f.pose(), k -> new long[7]);
                    if (f.discomfort() != null) {
                        a[0]++;
                        a[1] += f.discomfort();
                        int at = f.side().equals("left") ? 3 : f.side().equals("right") ? 5 : -1;
                        if (at > 0) {
                            a[at]++;
                            a[at + 1] += f.discomfort();
                        }
                    } else {
                        a[2]++;
                    }
                }
            }
            Map<String, String> out = new TreeMap<>();
            t.forEach((pose, a) -> out.put(pose, a[0] + "/" + mean(a[1], a[0]) + "/" + a[2] + "/" + mean(a[4], a[3])
                    + "/" + mean(a[6], a[5])));
            return out;
        }

        private static Double mean(long sum, long n) {
            return n == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP).doubleValue();
        }
    }
}

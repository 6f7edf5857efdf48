package dev.sukha.insights.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.sukha.insights.domain.Insights;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.ReliefRanking;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.domain.WeeklyGoal;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever order events arrive in, however often each is delivered, and however late a
 * session syncs, every figure is the one computed from the history in order. Events go
 * through the real reader and the real merge into a MongoDB-wire store; the figures are
 * compared with (1) the same rules over facts taken straight from the history, and (2) a
 * plain reference recomputation of the core numbers written independently here.
 */
class OrderIndependenceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<String> ZONES = List.of("UTC", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata", "Europe/Paris");
    private static final List<String> AREAS = List.of("neck", "upper_back", "jaw");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MongoServer server;
    private static MongoClient client;
    private static PracticeStore store;

    @BeforeContainer
    static void store() {
        server = new MongoServer(H2Backend.inMemory());
        client = MongoClients.create(server.bindAndGetConnectionString());
        store = new PracticeStore(client, "property");
    }

    @AfterContainer
    static void close() {
        client.close();
        server.shutdownNow();
    }

    /** One generated session, as the person practised it. */
    record Practised(String id, String routine, int steps, String zone, OffsetDateTime start, int minutes,
                     String end, Set<Integer> completed, Set<Integer> skipped,
                     Map<String, Integer> before, Map<String, Integer> after) {
    }

    @Provide
    Arbitrary<List<Practised>> histories() {
        Arbitrary<Practised> session = Combinators.combine(
                Arbitraries.of("upper-back-release", "neck-and-jaw", "chair-only"),
                Arbitraries.integers().between(2, 8),
                Arbitraries.of(ZONES),
                Arbitraries.longs().between(0, Duration.ofDays(59).toMinutes()),
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
            for (int i = 0; i < steps; i++) {
                int pick = r.nextInt(3);
                if (pick == 0) {
                    completed.add(i);
                } else if (pick == 1) {
                    skipped.add(i);
                }
            }
            Map<String, Integer> before = painShape == 0 ? null : ratings(r);
            Map<String, Integer> after = painShape == 0 || painShape == 1 || end.equals("UNENDED") ? null : ratings(r);
            return new Practised(UUID.randomUUID().toString(), routine, steps, zone, start, minutes,
                    end.equals("UNENDED") ? null : end, completed, skipped, before, after);
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

    @Property(tries = 1000)
    void figuresDoNotDependOnOrderDuplicatesOrLateness(@ForAll("histories") List<Practised> history,
                                                       @ForAll long deliverySeed) throws Exception {
        String user = "u-" + UUID.randomUUID();
        List<PracticeRecord> inOrder = new ArrayList<>();
        for (Practised p : history) {
            inOrder.addAll(records(user, p));
        }
        // Deliver: shuffled, about a third of events twice, in random batches (a late sync is just a later batch).
        Random r = new Random(deliverySeed);
        List<PracticeRecord> delivery = new ArrayList<>(inOrder);
        for (PracticeRecord e : inOrder) {
            if (r.nextInt(3) == 0) {
                delivery.add(e);
            }
        }
        Collections.shuffle(delivery, r);
        for (int i = 0; i < delivery.size(); ) {
            int n = 1 + r.nextInt(12);
            store.apply(delivery.subList(i, Math.min(delivery.size(), i + n)), List.of(store.liveCollection()));
            i += n;
        }

        WeeklyGoal goal = new WeeklyGoal(Map.of(IsoWeek.parse("2026-W40"), 3));
        Insights delivered = new Insights(store.sessions(user), goal, null, CLOCK);
        Insights truth = new Insights(facts(history), goal, null, CLOCK);

        // (1) Every endpoint's figures equal those of the history in order.
        assertThat(delivered.streak()).isEqualTo(truth.streak());
        assertThat(delivered.reliefByRoutine()).isEqualTo(truth.reliefByRoutine());
        assertThat(delivered.painTrend(8, null)).isEqualTo(truth.painTrend(8, null));
        assertThat(delivered.painTrend(10, "neck")).isEqualTo(truth.painTrend(10, "neck"));
        for (int w = 0; w < 10; w++) {
            IsoWeek week = truth.thisWeek().plus(-w);
            assertThat(delivered.week(week)).isEqualTo(truth.week(week));
        }

        // (2) A plain recomputation of the core numbers from the raw history.
        Reference ref = new Reference(history, truth.zone());
        assertThat(delivered.streak().current()).isEqualTo(ref.currentStreak());
        assertThat(delivered.streak().longest()).isEqualTo(ref.longestStreak());
        IsoWeek thisWeek = truth.thisWeek();
        Insights.WeekView week = delivered.week(thisWeek);
        assertThat(week.daysPracticed()).isEqualTo(ref.daysIn(thisWeek));
        assertThat(week.minutes()).isEqualTo(ref.minutesIn(thisWeek));
        assertThat(week.sessions().started()).isEqualTo(ref.startedIn(thisWeek));
        assertThat(week.posesCompleted()).isEqualTo(ref.posesIn(thisWeek));
        assertThat(delivered.reliefByRoutine().stream().filter(e -> e.sessions() > 0)
                .map(e -> e.routineId() + "=" + e.avgRelief()).sorted().toList())
                .isEqualTo(ref.reliefByRoutine());
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
        if (step != null) {
            e.put("step", step);
        }
        if (pain != null) {
            e.set("pain", JSON.valueToTree(pain));
        }
        return PracticeRecord.read(user, e);
    }

    private static List<SessionFacts> facts(List<Practised> history) {
        return history.stream().map(p -> new SessionFacts(p.id(), p.routine(), p.steps(), p.zone(), p.start(), p.end(),
                p.end() == null ? null : p.start().plusMinutes(p.minutes()), p.before(), p.after(), p.completed())).toList();
    }

    /** The contract's definitions, recomputed the simple way. */
    static final class Reference {
        private final List<Practised> history;
        private final LocalDate today;
        private final TreeSet<LocalDate> days = new TreeSet<>();

        Reference(List<Practised> history, ZoneId zone) {
            this.history = history;
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

        int currentStreak() {
            LocalDate d = days.contains(today) ? today : today.minusDays(1);
            int n = 0;
            while (days.contains(d)) {
                n++;
                d = d.minusDays(1);
            }
            return n;
        }

        int longestStreak() {
            int best = 0;
            for (LocalDate d : days) {
                int n = 0;
                for (LocalDate x = d; days.contains(x); x = x.plusDays(1)) {
                    n++;
                }
                best = Math.max(best, n);
            }
            return best;
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

        /** Exact: a session's relief times 6 is an integer (at most 3 areas), so each mean is a fraction. */
        List<String> reliefByRoutine() {
            Map<String, long[]> byRoutine = new TreeMap<>(); // routine -> {sum of 6*relief, sessions}
            for (Practised p : history) {
                if (p.before() == null || p.after() == null) {
                    continue;
                }
                Set<String> both = new HashSet<>(p.before().keySet());
                both.retainAll(p.after().keySet());
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
    }
}

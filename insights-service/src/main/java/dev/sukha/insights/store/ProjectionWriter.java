package dev.sukha.insights.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.sukha.insights.domain.EventType;
import dev.sukha.insights.domain.History;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.PracticeEvent;
import dev.sukha.insights.domain.SessionFacts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies consumed events to a generation of the projection, level by level, each level one
 * bulk write and one read of what it wrote:
 * <ol>
 * <li>each event goes to the events document of its session's week, under its session
 * ({@code $addToSet}: a duplicate is the same line, kept once);</li>
 * <li>from the events of each session touched, its facts are worked out and put in the week's
 * document;</li>
 * <li>from each week's sessions its {@link History} is worked out and put in its year's document;</li>
 * <li>from each year's weeks the year's history is put in the person's summary: its core
 * (practice days, routine totals, latest session) under {@code y}, the part only alerts read
 * under {@code alerts}.</li>
 * </ol>
 * Every document counts its writes ({@code rev}), and every derived entry is written as
 * {@code $max: {v: rev of its source, ...}}: whichever writer read the newest source wins,
 * whatever order writers finish in. So two writers of one person (a rebuild beside the live
 * consumer, or two instances across a rebalance) never leave an older figure behind, and
 * applying an event twice, late or out of order gives the same documents.
 * <p>
 * Records written before session-service said on each event when its session started
 * carry no week; such an event waits in its session's own document until the session's start
 * (which knows its week) is there too, and then joins the week.
 * <p>
 * No document grows without bound: a session keeps at most {@link #MAX_EVENTS_PER_SESSION}
 * events, a week at most {@link #MAX_EVENTS_PER_WEEK} events and {@link #MAX_SESSIONS_PER_WEEK}
 * sessions; what comes beyond is refused (returned, for the dead-letter topic), as is anything
 * the store refuses to write.
 */
@ApplicationScoped
public class ProjectionWriter {

    public static final int MAX_EVENTS_PER_SESSION = 1000;
    public static final int MAX_EVENTS_PER_WEEK = 10_000;
    public static final int MAX_SESSIONS_PER_WEEK = 300;
    private static final int READ_CHUNK = 1000;

    /** One event to apply, for a person; {@code index} is how refusals name it. */
    public record Incoming(int index, String userId, PracticeEvent event) {
    }

    /** Called between reading a level and writing the next; tests use it to interleave two writers. */
    interface Interleave {
        void beforeWriting(String level);
    }

    private final Store store;
    private final Interleave interleave;
    private final MeterRegistry metrics;
    private final boolean readBackCreated;

    @jakarta.inject.Inject
    public ProjectionWriter(Store store, MeterRegistry metrics) {
        this(store, metrics, level -> { });
    }

    ProjectionWriter(Store store, MeterRegistry metrics, Interleave interleave) {
        this(store, metrics, interleave, false);
    }

    /** {@code readBackCreated}: read back even the documents a write created (tests compare both ways). */
    ProjectionWriter(Store store, MeterRegistry metrics, Interleave interleave, boolean readBackCreated) {
        this.store = store;
        this.interleave = interleave;
        this.metrics = metrics;
        this.readBackCreated = readBackCreated;
    }

    /**
     * Applies the events to the generation, each person's values sealed with {@code seals} (their live key);
     * returns those that cannot be stored, by index, with the reason.
     */
    public Map<Integer, String> apply(Collection<Incoming> events, long generation, Function<String, PersonSeal> seals) {
        return new Pass(store.projection(), generation, interleave, metrics, readBackCreated, seals).run(events);
    }

    /** One batch into one generation. */
    private static final class Pass {
        private final MongoCollection<Document> projection;
        private final long gen;
        private final Interleave interleave;
        private final MeterRegistry metrics;
        private final boolean readBackCreated;
        private final Function<String, PersonSeal> sealOf;
        private final Map<String, PersonSeal> seals = new HashMap<>();
        private final Map<Integer, String> refused = new LinkedHashMap<>();

        Pass(MongoCollection<Document> projection, long gen, Interleave interleave, MeterRegistry metrics, boolean readBackCreated,
             Function<String, PersonSeal> seals) {
            this.sealOf = seals;
            this.projection = projection;
            this.gen = gen;
            this.interleave = interleave;
            this.metrics = metrics;
            this.readBackCreated = readBackCreated;
        }

        /** The events of this batch behind one document (and, for a week, the sessions it must work out again). */
        private record Part(String id, String user, IsoWeek week, List<Incoming> events, Set<String> sessions) {
            Part(String id, String user, IsoWeek week) {
                this(id, user, week, new ArrayList<>(), new LinkedHashSet<>());
            }
        }

        Map<Integer, String> run(Collection<Incoming> all) {
            // A person without a live key was erased while the batch was read: nothing of theirs is written.
            List<Incoming> events = all.stream().filter(in -> seal(in.userId()).canSeal()).toList();
            Map<String, Part> weekEvents = new LinkedHashMap<>();
            Map<String, Part> waiting = new LinkedHashMap<>();
            Map<String, Document> eventDocs = writeEvents(events, weekEvents, waiting);
            if (!waiting.isEmpty()) {
                joinTheirWeeks(waiting, weekEvents, eventDocs);
            }
            Written weeks = writeWeeks(weekEvents, eventDocs);
            Written years = writeYears(weeks);
            writeSummaries(years);
            return refused;
        }

        /** The parts written at one level, and their documents as the store holds them now. */
        private record Written(Map<String, Part> parts, Map<String, Document> docs) {
        }

        /** 1. Events: each into its session's week; one whose session's week it does not know, into its session. */
        private Map<String, Document> writeEvents(List<Incoming> events, Map<String, Part> weekEvents, Map<String, Part> waiting) {
            for (Incoming in : events) {
                PracticeEvent e = in.event();
                Optional<IsoWeek> week = e.sessionWeek();
                if (week.isPresent()) {
                    Part part = weekEvents.computeIfAbsent(ProjectionIds.weekEvents(gen, in.userId(), week.get()),
                            id -> new Part(id, in.userId(), week.get()));
                    part.events().add(in);
                    part.sessions().add(e.sessionId());
                }
                if (!e.knowsSessionStart()) {
                    waiting.computeIfAbsent(ProjectionIds.session(gen, in.userId(), e.sessionId()),
                            id -> new Part(id, in.userId(), null)).events().add(in);
                }
            }
            // A single batch never brings a document more than its limit: what the store holds stays within twice it.
            for (Part part : weekEvents.values()) {
                for (Incoming in : part.events().subList(Math.min(part.events().size(), MAX_EVENTS_PER_WEEK), part.events().size())) {
                    refuse(in, "week " + part.week() + " of this person already holds " + MAX_EVENTS_PER_WEEK + " events");
                }
            }
            List<Part> firstWrite = new ArrayList<>(weekEvents.values());
            firstWrite.addAll(waiting.values());
            return write("events", firstWrite, this::addEvents, this::eventsAsWritten);
        }

        /** 2. Sessions that waited for their week, and whose start is now there: their events join the week. */
        private void joinTheirWeeks(Map<String, Part> waiting, Map<String, Part> weekEvents, Map<String, Document> eventDocs) {
            Map<String, Part> moves = new LinkedHashMap<>();
            for (Document doc : read("events", waiting.keySet())) {
                Part part = waiting.get(doc.getString("_id"));
                if (part == null || doc.getString("week") == null) {
                    continue;
                }
                IsoWeek week = IsoWeek.parse(doc.getString("week"));
                String sessionId = part.events().get(0).event().sessionId();
                Part move = weekEvents.computeIfAbsent(ProjectionIds.weekEvents(gen, part.user(), week),
                        id -> new Part(id, part.user(), week));
                move.events().addAll(part.events());
                move.sessions().add(sessionId);
                moves.computeIfAbsent(move.id(), id -> new Part(id, part.user(), week)).events().addAll(part.events());
                moves.get(move.id()).sessions().add(sessionId);
                movedLines.computeIfAbsent(move.id(), id -> new ArrayList<>())
                        .add(new Moved(sessionId, doc.get("ctx", Document.class).getString(sessionId),
                                doc.get("ev", Document.class).getList(sessionId, String.class, List.of())));
            }
            moves.keySet().forEach(eventDocs::remove); // changed since: read again below
            write("events", moves.values(), part -> {
                Update update = new Update();
                for (Moved m : movedLines.get(part.id())) {
                    update.set("ctx." + m.sessionId(), m.context()).addEachToSet("ev." + m.sessionId(), m.lines());
                }
                return update.inc("rev", 1L).bson();
            }, null);
        }

        /** 3. Weeks: the facts of each session touched, from all its events. */
        private Written writeWeeks(Map<String, Part> weekEvents, Map<String, Document> eventDocs) {
            Map<String, Part> weeks = new LinkedHashMap<>();
            Map<String, List<Document>> weekEntries = new HashMap<>();
            readOthers("events", weekEvents.keySet(), eventDocs);
            for (Part part : weekEvents.values()) {
                Document doc = eventDocs.get(part.id());
                if (doc == null || allRefused(part)) {
                    continue;
                }
                Map<String, List<PracticeEvent>> bySession = keptEvents(doc, part);
                String weekId = ProjectionIds.week(gen, part.user(), part.week());
                for (String sessionId : part.sessions()) {
                    List<PracticeEvent> kept = bySession.get(sessionId);
                    if (kept == null || kept.isEmpty()) {
                        continue;
                    }
                    SessionFacts facts = SessionFacts.of(sessionId, kept);
                    if (!facts.started() || !IsoWeek.of(facts.localDate()).equals(part.week())) {
                        continue; // until its start comes, a session counts for nothing
                    }
                    // A batch brings a week at most its limit of new sessions; a session the week already holds
                    // (started in an earlier batch) is never refused here, whatever its place in this batch.
                    if (weekEntries.getOrDefault(weekId, List.of()).size() >= MAX_SESSIONS_PER_WEEK
                            && !storedSessions(weekId).contains(sessionId)) {
                        part.events().stream().filter(in -> in.event().sessionId().equals(sessionId)).forEach(in ->
                                refuse(in, "week " + part.week() + " of this person already holds " + MAX_SESSIONS_PER_WEEK + " sessions"));
                        continue;
                    }
                    weeks.computeIfAbsent(weekId, k -> new Part(k, part.user(), part.week())).events().addAll(
                            part.events().stream().filter(in -> in.event().sessionId().equals(sessionId)).toList());
                    weekEntries.computeIfAbsent(weekId, k -> new ArrayList<>()).add(new Document("id", sessionId)
                            .append("entry", versioned(doc.get("rev"), "f",
                                    seal(part.user()).seal(PersonSeal.Kind.FACTS, sessionId, FactsJson.facts(facts)))));
                }
            }
            interleave.beforeWriting("weeks");
            Map<String, Document> weekDocs = write("weeks", weeks.values(), part -> {
                Update update = new Update();
                List<String> ids = new ArrayList<>();
                for (Document e : weekEntries.get(part.id())) {
                    ids.add(e.getString("id"));
                    update.max("s." + e.getString("id"), e.get("entry"));
                }
                return update.addEachToSet("ids", ids).inc("rev", 1L).bson();
            }, part -> {
                Document s = new Document();
                List<String> ids = new ArrayList<>();
                for (Document e : weekEntries.get(part.id())) {
                    if (!s.containsKey(e.getString("id"))) {
                        ids.add(e.getString("id"));
                        s.append(e.getString("id"), e.get("entry"));
                    }
                }
                return new Document("_id", part.id()).append("s", s).append("ids", ids).append("rev", 1L);
            });
            return new Written(weeks, weekDocs);
        }

        /** 4. Years: each week's history. */
        private Written writeYears(Written weeks) {
            Map<String, Part> years = new LinkedHashMap<>();
            Map<String, Map<String, Document>> yearEntries = new HashMap<>();
            readOthers("weeks", weeks.parts().keySet(), weeks.docs());
            for (Part part : weeks.parts().values()) {
                Document doc = weeks.docs().get(part.id());
                if (doc == null || allRefused(part)) {
                    continue;
                }
                History history = History.ofWeek(part.week(), admittedSessions(doc, part));
                String yearId = ProjectionIds.year(gen, part.user(), part.week().year());
                years.computeIfAbsent(yearId, k -> new Part(k, part.user(), null)).events().addAll(part.events());
                yearEntries.computeIfAbsent(yearId, k -> new LinkedHashMap<>()).put(part.week().toString(), versioned(doc.get("rev"),
                        "h", seal(part.user()).seal(PersonSeal.Kind.WEEK, part.week().toString(), HistoryJson.history(history))));
            }
            interleave.beforeWriting("years");
            Map<String, Document> yearDocs = write("years", years.values(), part -> {
                Update update = new Update();
                yearEntries.get(part.id()).forEach((week, entry) -> update.max("w." + week, entry));
                return update.inc("rev", 1L).bson();
            }, part -> new Document("_id", part.id()).append("w", new Document(yearEntries.get(part.id()))).append("rev", 1L));
            return new Written(years, yearDocs);
        }

        /** 5. Summaries: each year's history. */
        private void writeSummaries(Written years) {
            Map<String, Part> people = new LinkedHashMap<>();
            Map<String, Update> summaryUpdates = new HashMap<>();
            readOthers("years", years.parts().keySet(), years.docs());
            for (Part part : years.parts().values()) {
                Document doc = years.docs().get(part.id());
                if (doc == null || allRefused(part)) {
                    continue;
                }
                List<History> weekHistories = new ArrayList<>();
                Document w = doc.get("w", Document.class);
                if (w != null) {
                    PersonSeal seal = seal(part.user());
                    w.forEach((week, v) -> {
                        String h = seal.open(PersonSeal.Kind.WEEK, week, ((Document) v).getString("h"));
                        if (h != null) {
                            weekHistories.add(HistoryJson.history(h));
                        }
                    });
                }
                String year = part.id().substring(part.id().lastIndexOf("|y") + 2);
                String summaryId = ProjectionIds.summary(gen, part.user());
                people.computeIfAbsent(summaryId, k -> new Part(k, part.user(), null)).events().addAll(part.events());
                // The year's core apart from its alerts part (under "alerts", which streak, goal, relief and
                // weekly reads leave out of what the store sends); the counts let a trend read skip the
                // alerts part of years that cannot change them.
                History yearHistory = History.merge(weekHistories);
                PersonSeal seal = seal(part.user());
                summaryUpdates.computeIfAbsent(summaryId, k -> new Update())
                        .max("y." + year, versioned(doc.get("rev"), "h", seal.seal(PersonSeal.Kind.YEAR_CORE, year, HistoryJson.historyCore(yearHistory)))
                                .append("k", seal.seal(PersonSeal.Kind.YEAR_COUNTS, year, HistoryJson.alertCounts(yearHistory))))
                        .max(ProjectionReader.ALERTS + "." + year, versioned(doc.get("rev"), "a",
                                seal.seal(PersonSeal.Kind.YEAR_ALERTS, year, HistoryJson.historyAlerts(yearHistory))));
            }
            interleave.beforeWriting("summaries");
            write("summaries", people.values(), part -> summaryUpdates.get(part.id()).bson(), null);
        }

        /**
         * An update document written directly: {@code Updates.combine} first renders every
         * operation as a document of its own and then merges them, which was a tenth of a
         * catch-up's CPU. One field per operator, as ours are.
         */
        private static final class Update {
            private final Document doc = new Document();

            private Update op(String operator, String field, Object value) {
                ((Document) doc.computeIfAbsent(operator, k -> new Document())).append(field, value);
                return this;
            }

            Update set(String field, Object value) {
                return op("$set", field, value);
            }

            Update max(String field, Object value) {
                return op("$max", field, value);
            }

            Update inc(String field, long by) {
                return op("$inc", field, by);
            }

            Update addEachToSet(String field, List<?> values) {
                return op("$addToSet", field, new Document("$each", values));
            }

            Bson bson() {
                return doc;
            }
        }

        /** A waiting session's events, joining its week. */
        private record Moved(String sessionId, String context, List<String> lines) {
        }

        private final Map<String, List<Moved>> movedLines = new HashMap<>();

        /** A part's events as its document keeps them: each session's context, and its events' lines. */
        private record Lines(Map<String, String> contexts, Map<String, List<String>> lines, String week) {
        }

        private Lines lines(Part part) {
            PersonSeal seal = seal(part.user());
            Map<String, String> contexts = new LinkedHashMap<>();
            Map<String, List<String>> lines = new LinkedHashMap<>();
            String week = null;
            for (Incoming in : part.events()) {
                if (refused.containsKey(in.index())) {
                    continue;
                }
                String session = in.event().sessionId();
                contexts.computeIfAbsent(session, k -> seal.seal(PersonSeal.Kind.CONTEXT, session, EventLines.context(in.event())));
                lines.computeIfAbsent(session, k -> new ArrayList<>()).add(seal.seal(PersonSeal.Kind.EVENT, session, EventLines.event(in.event())));
                if (part.week() == null && week == null && in.event().type() == EventType.SESSION_STARTED) {
                    week = in.event().sessionWeek().orElseThrow().toString();
                }
            }
            return new Lines(contexts, lines, week);
        }

        private final Map<String, Lines> written = new HashMap<>();

        /** Adds a part's events to its document; a waiting session's start says which week it will join. */
        private Bson addEvents(Part part) {
            Lines l = written.computeIfAbsent(part.id(), id -> lines(part));
            Update update = new Update();
            if (l.week() != null) {
                update.set("week", l.week());
            }
            l.contexts().forEach((session, context) -> update.set("ctx." + session, context));
            l.lines().forEach((session, list) -> update.addEachToSet("ev." + session, list));
            return update.inc("rev", 1L).bson();
        }

        /** The events document {@link #addEvents} creates when there was none: {@code $addToSet} keeps each line once. */
        private Document eventsAsWritten(Part part) {
            Lines l = written.get(part.id());
            Document ctx = new Document();
            l.contexts().forEach(ctx::append);
            Document ev = new Document();
            l.lines().forEach((session, list) -> ev.append(session, new ArrayList<>(new LinkedHashSet<>(list))));
            Document doc = new Document("_id", part.id()).append("ctx", ctx).append("ev", ev).append("rev", 1L);
            return l.week() == null ? doc : doc.append("week", l.week());
        }

        /** {@code {v: rev, <name>: value}}: compared by {@code $max} on the revision first. */
        private static Document versioned(Object rev, String name, String value) {
            return new Document("v", ((Number) rev).longValue()).append(name, value);
        }

        /**
         * A week's events by session, each up to the limits (in the order they were first stored):
         * events beyond are refused and removed.
         */
        private Map<String, List<PracticeEvent>> keptEvents(Document doc, Part part) {
            PersonSeal seal = seal(part.user());
            Document stored = doc.get("ev", Document.class);
            Document contexts = doc.get("ctx", Document.class);
            Map<String, List<PracticeEvent>> bySession = new HashMap<>();
            Map<String, List<String>> over = new LinkedHashMap<>();
            Map<String, String> why = new HashMap<>();
            int inWeek = 0;
            for (var entry : stored.entrySet()) {
                String sessionId = entry.getKey();
                @SuppressWarnings("unchecked")
                List<String> lines = (List<String>) entry.getValue();
                List<PracticeEvent> kept = new ArrayList<>();
                String context = part.sessions().contains(sessionId)
                        ? seal.open(PersonSeal.Kind.CONTEXT, sessionId, contexts.getString(sessionId)) : null;
                for (int i = 0; i < lines.size(); i++, inWeek++) {
                    String line = lines.get(i);
                    if (inWeek >= MAX_EVENTS_PER_WEEK || i >= MAX_EVENTS_PER_SESSION) {
                        over.computeIfAbsent(sessionId, k -> new ArrayList<>()).add(line);
                        String opened = seal.open(PersonSeal.Kind.EVENT, sessionId, line);
                        if (opened != null) {
                            why.put(EventLines.eventId(opened), inWeek >= MAX_EVENTS_PER_WEEK
                                    ? "week " + part.week() + " of this person already holds " + MAX_EVENTS_PER_WEEK + " events"
                                    : "session " + sessionId + " already holds " + MAX_EVENTS_PER_SESSION + " events");
                        }
                    } else if (context != null) {
                        String opened = seal.open(PersonSeal.Kind.EVENT, sessionId, line);
                        if (opened != null) {
                            kept.add(EventLines.event(sessionId, context, opened));
                        }
                    }
                }
                bySession.put(sessionId, kept);
            }
            if (!over.isEmpty()) {
                for (Incoming in : part.events()) {
                    if (why.containsKey(in.event().eventId())) {
                        refuse(in, why.get(in.event().eventId()));
                    }
                }
                List<Bson> pulls = new ArrayList<>();
                over.forEach((session, lines) -> pulls.add(Updates.pullAll("ev." + session, lines)));
                projection.updateOne(Filters.eq("_id", part.id()), Updates.combine(pulls));
            }
            return bySession;
        }

        private final Map<String, Set<String>> storedSessions = new HashMap<>();

        /** The sessions a week's document holds already (read only when a batch brings it its limit). */
        private Set<String> storedSessions(String weekId) {
            return storedSessions.computeIfAbsent(weekId, id -> {
                Document doc = projection.find(Filters.eq("_id", id)).projection(new Document("ids", 1)).first();
                return doc == null ? Set.of() : new java.util.HashSet<>(doc.getList("ids", String.class, List.of()));
            });
        }

        /** A week's sessions up to the limit (in the order they came); sessions beyond are refused and removed. */
        private List<SessionFacts> admittedSessions(Document doc, Part part) {
            List<String> ids = doc.getList("ids", String.class, List.of());
            Document s = doc.get("s", Document.class);
            PersonSeal seal = seal(part.user());
            List<SessionFacts> admitted = new ArrayList<>();
            List<String> over = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (i >= MAX_SESSIONS_PER_WEEK) {
                    over.add(ids.get(i));
                } else if (s != null && s.get(ids.get(i)) != null) {
                    String facts = seal.open(PersonSeal.Kind.FACTS, ids.get(i), ((Document) s.get(ids.get(i))).getString("f"));
                    if (facts != null) {
                        admitted.add(FactsJson.facts(ids.get(i), facts));
                    }
                }
            }
            if (!over.isEmpty()) {
                for (Incoming in : part.events()) {
                    if (over.contains(in.event().sessionId())) {
                        refuse(in, "week " + part.week() + " of this person already holds " + MAX_SESSIONS_PER_WEEK + " sessions");
                    }
                }
                List<Bson> ops = new ArrayList<>(over.stream().map(id -> Updates.unset("s." + id)).toList());
                ops.add(Updates.pullAll("ids", over));
                projection.updateOne(Filters.eq("_id", part.id()), Updates.combine(ops));
            }
            return admitted;
        }

        /** The person's seal, one per person for the whole pass. */
        private PersonSeal seal(String user) {
            return seals.computeIfAbsent(user, sealOf);
        }

        private boolean allRefused(Part part) {
            return part.events().stream().allMatch(in -> refused.containsKey(in.index()));
        }

        private void refuse(Incoming in, String reason) {
            refused.putIfAbsent(in.index(), reason);
        }

        private Timer timer(String level, String op) {
            return Timer.builder("sukha.insights.projection.level").tag("level", level).tag("op", op)
                    .description("Time to write one level of the projection for a batch, or to read it back")
                    .register(metrics);
        }

        /**
         * One unordered bulk upsert, one update per document. A write the store refuses (too
         * large, a shape it does not take) refuses the events behind it and the rest goes on;
         * anything else (the store away, a lost upsert race) is thrown, and the batch retried.
         * <p>
         * Returns the documents this write created (the store says which upserts inserted), as
         * {@code asWritten} says they are: a document created by this update holds exactly it, at
         * revision 1, and needs no reading back. A writer that changes it later raises its
         * revision, so what it derives wins over what is derived here, whichever finishes first.
         * Catching up (a rebuild, a new consumer) creates nearly every document it writes.
         */
        private Map<String, Document> write(String level, Collection<Part> parts, Function<Part, Bson> update,
                                            Function<Part, Document> asWritten) {
            List<Part> live = parts.stream().filter(p -> !allRefused(p)).toList();
            Map<String, Document> created = new HashMap<>();
            if (!live.isEmpty()) {
                List<Integer> inserted = timer(level, "write").record(() -> bulk(live, update));
                if (asWritten != null && !readBackCreated) {
                    inserted.forEach(i -> created.put(live.get(i).id(), asWritten.apply(live.get(i))));
                }
            }
            return created;
        }

        /** Reads the documents of {@code ids} that {@code docs} does not hold already into it. */
        private void readOthers(String level, Collection<String> ids, Map<String, Document> docs) {
            List<String> others = ids.stream().filter(id -> !docs.containsKey(id)).toList();
            docs.putAll(byId(read(level, others)));
        }

        /** Writes; returns the positions of the updates that inserted their document. */
        private List<Integer> bulk(List<Part> live, Function<Part, Bson> update) {
            List<WriteModel<Document>> writes = new ArrayList<>(live.size());
            for (Part p : live) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", p.id()), update.apply(p), new UpdateOptions().upsert(true)));
            }
            try {
                return projection.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getUpserts().stream()
                        .map(BulkWriteUpsert::getIndex).toList();
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null || e.getWriteErrors().stream()
                        .anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.UNCATEGORIZED)) {
                    throw e; // duplicate key (two upserts raced) or a timeout: try the batch again
                }
                for (BulkWriteError error : e.getWriteErrors()) {
                    refuseAll(live.get(error.getIndex()), "the store refused the write: " + error.getMessage());
                }
            } catch (BsonMaximumSizeExceededException e) {
                // The driver will not send an update over 16 MiB, and gives up on the whole bulk: find which.
                for (int i = 0; i < writes.size(); i++) {
                    try {
                        projection.bulkWrite(List.of(writes.get(i)));
                    } catch (BsonMaximumSizeExceededException tooLarge) {
                        refuseAll(live.get(i), "the update is larger than the store takes: " + tooLarge.getMessage());
                    }
                }
            }
            return List.of(); // after a refusal, every document is read back
        }

        private void refuseAll(Part part, String reason) {
            part.events().forEach(in -> refuse(in, reason));
        }

        private static Map<String, Document> byId(List<Document> docs) {
            Map<String, Document> out = new HashMap<>();
            docs.forEach(d -> out.put(d.getString("_id"), d));
            return out;
        }

        private List<Document> read(String level, Collection<String> ids) {
            return ids.isEmpty() ? List.of() : timer(level, "read").record(() -> read(ids));
        }

        private List<Document> read(Collection<String> ids) {
            List<Document> out = new ArrayList<>();
            List<String> all = new ArrayList<>(ids);
            for (int i = 0; i < all.size(); i += READ_CHUNK) {
                projection.find(Filters.in("_id", all.subList(i, Math.min(all.size(), i + READ_CHUNK)))).into(out);
            }
            return out;
        }
    }
}

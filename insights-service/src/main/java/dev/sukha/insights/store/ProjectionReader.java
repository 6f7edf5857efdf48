package dev.sukha.insights.store;

import com.mongodb.client.model.Filters;
import dev.sukha.insights.domain.History;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.Pauses;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.domain.WeeklyGoal;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a request needs of one person in one query by {@code _id}: their summary,
 * their settings, and the weeks asked for. The summary holds one entry per year, so a
 * reader with ten years of practice reads ten small entries, not ten years of sessions.
 */
@ApplicationScoped
public class ProjectionReader {

    private final Store store;
    private final Generations generations;
    private final PersonSeals seals;

    public ProjectionReader(Store store, Generations generations, PersonSeals seals) {
        this.store = store;
        this.generations = generations;
        this.seals = seals;
    }

    /**
     * A person's stored state: their history (worked out from the summary when asked for),
     * goal, and the sessions of each week asked for.
     */
    public static final class Person {
        private final PersonSeal seal;
        private final Document summary;
        private final WeeklyGoal goal;
        private final Pauses pauses;
        private final Map<IsoWeek, List<SessionFacts>> weeks;
        private final boolean withAlerts;
        private History history;

        private final People.Screening screening;

        Person(PersonSeal seal, Document summary, WeeklyGoal goal, Pauses pauses, People.Screening screening,
               Map<IsoWeek, List<SessionFacts>> weeks, boolean withAlerts) {
            this.seal = seal;
            this.screening = screening;
            this.withAlerts = withAlerts;
            this.summary = summary;
            this.goal = goal;
            this.pauses = pauses;
            this.weeks = weeks;
        }

        public WeeklyGoal goal() {
            return goal;
        }

        public Pauses pauses() {
            return pauses;
        }

        /** The intake, clearance and programme. */
        public People.Screening screening() {
            return screening;
        }

        public History history() {
            if (!withAlerts) {
                throw new IllegalStateException("the summary's alerts parts were not read");
            }
            if (history == null) {
                history = ProjectionReader.history(summary, true, seal);
            }
            return history;
        }

        /**
         * The history without what only the safety alerts need (practice days, routine totals and
         * the latest session are all there): for streaks, the goal and the relief ranking, which
         * then decode a small part of each year.
         */
        public History withoutAlerts() {
            return history != null ? history : ProjectionReader.history(summary, false, seal);
        }

        /**
         * Only what a week's figures need of the history: the latest-starting session (whose zone
         * is "today"'s), read from the latest year alone.
         */
        public History latestOnly() {
            Document years = summary == null ? null : summary.get("y", Document.class);
            if (years == null || years.isEmpty()) {
                return History.empty();
            }
            String last = years.keySet().stream().max(String::compareTo).orElseThrow();
            String core = seal.open(PersonSeal.Kind.YEAR_CORE, last, years.get(last, Document.class).getString("h"));
            if (core == null) {
                return History.empty();
            }
            History year = HistoryJson.history(core, null, false);
            return new History(dev.sukha.insights.domain.PracticeDays.empty(), Map.of(), List.of(), List.of(), year.latest());
        }

        /** The summary as the store sent it (for tests: which parts were read). */
        Document summary() {
            return summary;
        }

        public List<SessionFacts> sessions(Collection<IsoWeek> of) {
            List<SessionFacts> out = new ArrayList<>();
            of.forEach(w -> out.addAll(weeks.getOrDefault(w, List.of())));
            return out;
        }
    }

    /** The field of a summary holding each year's alerts part: left out of reads that raise no alert. */
    static final String ALERTS = "alerts";

    /** What a request needs of one person, with what the alerts need of their history. */
    public Person read(String user, Collection<IsoWeek> weeks) {
        return read(user, weeks, true);
    }

    /**
     * What a request needs of one person; without {@code withAlerts}, the store does not send the
     * summary's alerts parts (most of its bytes), and only {@link Person#withoutAlerts} or
     * {@link Person#latestOnly} may be asked of the history.
     */
    public Person read(String user, Collection<IsoWeek> weeks, boolean withAlerts) {
        Long gen = generations.state().live();
        List<String> ids = new ArrayList<>();
        ids.add(ProjectionIds.settings(user));
        if (gen != null) {
            ids.add(ProjectionIds.summary(gen, user));
            weeks.forEach(w -> ids.add(ProjectionIds.week(gen, user, w)));
        }
        Map<String, Document> found = new HashMap<>();
        var query = store.projection().find(Filters.in("_id", ids));
        for (Document d : withAlerts ? query : query.projection(com.mongodb.client.model.Projections.exclude(ALERTS))) {
            found.put(d.getString("_id"), d);
        }
        PersonSeal seal = seals.forReading(user);
        Map<IsoWeek, List<SessionFacts>> byWeek = new HashMap<>();
        for (IsoWeek w : weeks) {
            byWeek.put(w, gen == null ? List.of() : sessions(found.get(ProjectionIds.week(gen, user, w)), seal));
        }
        Document settings = found.get(ProjectionIds.settings(user));
        return new Person(seal, gen == null ? null : found.get(ProjectionIds.summary(gen, user)),
                People.goal(settings, seal), People.pauses(settings, seal), People.screening(settings, seal), byWeek, withAlerts);
    }

    /** The sessions of the person's weeks named, alone (the summary and settings not read). */
    public List<SessionFacts> sessionsOf(String user, Collection<IsoWeek> weeks) {
        Long gen = generations.state().live();
        List<SessionFacts> out = new ArrayList<>();
        if (gen == null || weeks.isEmpty()) {
            return out;
        }
        PersonSeal seal = seals.forReading(user);
        store.projection().find(Filters.in("_id", weeks.stream().map(w -> ProjectionIds.week(gen, user, w)).toList()))
                .forEach(d -> out.addAll(sessions(d, seal)));
        return out;
    }

    /**
     * The summary's years put together ({@code withAlerts}: and what alerts need, too). Years are
     * read latest first, and an older year's alerts part is not decoded when the later years
     * already settle what it could add (see {@link History#alertsUnchangedBy}): a person's
     * tenth year back costs its core alone, a couple of hundred bytes.
     */
    static History history(Document summary, boolean withAlerts, PersonSeal seal) {
        Document y = summary == null ? null : summary.get("y", Document.class);
        if (y == null) {
            return History.empty();
        }
        Document alertParts = summary.get(ALERTS, Document.class);
        List<String> latestFirst = new ArrayList<>(y.keySet());
        latestFirst.sort(java.util.Comparator.reverseOrder());
        List<History> years = new ArrayList<>();
        History later = History.empty();
        for (String key : latestFirst) {
            Document year = y.get(key, Document.class);
            String core = seal.open(PersonSeal.Kind.YEAR_CORE, key, year.getString("h"));
            if (core == null) {
                continue; // sealed under a key erased since: a leftover the erasure is deleting
            }
            Document alertPart = alertParts == null ? null : alertParts.get(key, Document.class);
            String sealedAlerts = alertPart == null ? null : alertPart.getString("a");
            String counts = withAlerts && sealedAlerts != null ? seal.open(PersonSeal.Kind.YEAR_COUNTS, key, year.getString("k")) : null;
            boolean settled = counts != null
                    && later.alertsUnchangedBy(HistoryJson.alertCounts(counts), new IsoWeek(Integer.parseInt(key) + 1, 1).monday());
            String alerts = withAlerts && !settled && sealedAlerts != null
                    ? seal.open(PersonSeal.Kind.YEAR_ALERTS, key, sealedAlerts) : null;
            History part = HistoryJson.history(core, alerts, withAlerts && !settled);
            if (withAlerts && !settled) {
                later = History.merge(List.of(later, part));
            }
            years.add(part);
        }
        return History.merge(years);
    }

    /** The week's sessions, as many as it admits (see {@link ProjectionWriter#MAX_SESSIONS_PER_WEEK}). */
    static List<SessionFacts> sessions(Document week, PersonSeal seal) {
        if (week == null) {
            return List.of();
        }
        List<String> ids = week.getList("ids", String.class, List.of());
        Document s = week.get("s", Document.class);
        List<SessionFacts> out = new ArrayList<>();
        for (int i = 0; i < Math.min(ids.size(), ProjectionWriter.MAX_SESSIONS_PER_WEEK); i++) {
            Object entry = s == null ? null : s.get(ids.get(i));
            String facts = entry == null ? null : seal.open(PersonSeal.Kind.FACTS, ids.get(i), ((Document) entry).getString("f"));
            if (facts != null) {
                out.add(FactsJson.facts(ids.get(i), facts));
            }
        }
        return out;
    }
}

package dev.sukha.insights.store;

import com.mongodb.client.model.Filters;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.Pause;
import dev.sukha.insights.domain.PracticeEvent;
import dev.sukha.insights.domain.SessionFacts;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Everything insights holds of one person, for their export: every event as recorded, every
 * session's facts, goal changes and pauses. It walks the person's documents by {@code _id}
 * (summary → years → weeks), so it costs the person's history and nothing of anyone else's;
 * events still waiting for their session's start are found by an {@code _id} prefix range.
 */
@ApplicationScoped
public class PersonalRecords {

    /** How many documents one query asks for. */
    static final int CHUNK = 100;

    private final Store store;
    private final Generations generations;
    private final PersonSeals seals;

    public PersonalRecords(Store store, Generations generations, PersonSeals seals) {
        this.store = store;
        this.generations = generations;
        this.seals = seals;
    }

    /** A person's records; the weeks in time order. */
    public record Everything(List<PracticeEvent> events, List<SessionFacts> sessions, Map<IsoWeek, Integer> goals,
                             List<Pause> pauses, People.Screening screening) {
    }

    public Everything read(String user) {
        PersonSeal seal = seals.forReading(user);
        Document settings = store.projection().find(Filters.eq("_id", ProjectionIds.settings(user))).first();
        Map<IsoWeek, Integer> goals = People.goalChanges(settings, seal);
        List<Pause> pauses = People.pauses(settings, seal).all();
        People.Screening screening = People.screening(settings, seal);
        Long gen = generations.state().live();
        List<PracticeEvent> events = new ArrayList<>();
        List<SessionFacts> sessions = new ArrayList<>();
        if (gen == null) {
            return new Everything(events, sessions, goals, pauses, screening);
        }
        Document summary = store.projection().find(Filters.eq("_id", ProjectionIds.summary(gen, user))).first();
        Document years = summary == null ? null : summary.get("y", Document.class);
        TreeSet<IsoWeek> weeks = new TreeSet<>();
        if (years != null) {
            List<String> yearIds = years.keySet().stream().map(y -> ProjectionIds.year(gen, user, Integer.parseInt(y))).toList();
            find(yearIds, year -> {
                Document w = year.get("w", Document.class);
                if (w != null) {
                    w.keySet().forEach(week -> weeks.add(IsoWeek.parse(week)));
                }
            });
        }
        List<String> ids = new ArrayList<>();
        for (IsoWeek week : weeks) {
            ids.add(ProjectionIds.weekEvents(gen, user, week));
            ids.add(ProjectionIds.week(gen, user, week));
        }
        String eventsPrefix = ProjectionIds.summary(gen, user) + "|e";
        find(ids, doc -> {
            if (doc.getString("_id").startsWith(eventsPrefix)) {
                events.addAll(events(doc, seal));
            } else {
                sessions.addAll(ProjectionReader.sessions(doc, seal));
            }
        });
        // Events of sessions whose start has not arrived yet (records written before they carried it). A waiting
        // document stays after its start came and its events joined the week: each event is listed once.
        String waiting = ProjectionIds.summary(gen, user) + "|s";
        Set<String> listed = new HashSet<>();
        events.forEach(e -> listed.add(e.eventId()));
        store.projection().find(Filters.and(Filters.gte("_id", waiting), Filters.lt("_id", ProjectionIds.summary(gen, user) + "|t")))
                .forEach(doc -> events(doc, seal).stream().filter(e -> listed.add(e.eventId())).forEach(events::add));
        return new Everything(events, sessions, goals, pauses, screening);
    }

    private void find(List<String> ids, Consumer<Document> each) {
        for (int i = 0; i < ids.size(); i += CHUNK) {
            store.projection().find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + CHUNK)))).forEach(each);
        }
    }

    private static Collection<PracticeEvent> events(Document doc, PersonSeal seal) {
        List<PracticeEvent> out = new ArrayList<>();
        Document stored = doc.get("ev", Document.class);
        Document contexts = doc.get("ctx", Document.class);
        if (stored == null || contexts == null) {
            return out;
        }
        stored.forEach((sessionId, lines) -> {
            String context = seal.open(PersonSeal.Kind.CONTEXT, sessionId, contexts.getString(sessionId));
            if (context != null) {
                for (Object line : (List<?>) lines) {
                    String opened = seal.open(PersonSeal.Kind.EVENT, sessionId, (String) line);
                    if (opened != null) {
                        out.add(EventLines.event(sessionId, context, opened));
                    }
                }
            }
        });
        return out;
    }
}

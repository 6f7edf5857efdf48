package dev.sukha.insights.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.Pause;
import dev.sukha.insights.domain.Pauses;
import dev.sukha.insights.domain.WeeklyGoal;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a person sets themselves — the weekly goal's changes and their pauses — in one
 * settings document per person, in the projection collection but outside its generations:
 * a rebuild replays the topic and never touches these, and every read of figures already
 * reads this document. Every change raises its {@code srev} ({@link Revisions}).
 */
@ApplicationScoped
public class People {

    private final Store store;

    public People(Store store) {
        this.store = store;
    }

    public void setGoal(String user, IsoWeek from, int days) {
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.set("goal." + from, days), Revisions.settingsChanged()), new UpdateOptions().upsert(true));
    }

    /** Adds a pause, or replaces the one with its id. */
    public void putPause(String user, Pause pause) {
        Document p = new Document("from", pause.from().toString()).append("to", pause.to().toString());
        if (pause.reason() != null) {
            p.append("reason", pause.reason());
        }
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.set("pause." + pause.id(), p), Revisions.settingsChanged()), new UpdateOptions().upsert(true));
    }

    public void removePause(String user, String id) {
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.unset("pause." + id), Revisions.settingsChanged()));
    }

    /** The settings document alone, for a pause's changes. */
    public Pauses pauses(String user) {
        return pauses(store.projection().find(Filters.eq("_id", ProjectionIds.settings(user))).first());
    }

    static Pauses pauses(Document settings) {
        Document pauses = settings == null ? null : settings.get("pause", Document.class);
        if (pauses == null || pauses.isEmpty()) {
            return Pauses.none();
        }
        List<Pause> all = new ArrayList<>();
        pauses.forEach((id, value) -> {
            Document p = (Document) value;
            all.add(new Pause(id, LocalDate.parse(p.getString("from")), LocalDate.parse(p.getString("to")), p.getString("reason")));
        });
        return new Pauses(all);
    }

    static WeeklyGoal goal(Document settings) {
        return new WeeklyGoal(goalChanges(settings));
    }

    /** The weekly goal's changes: the week each applies from, and its days; earliest first. */
    static Map<IsoWeek, Integer> goalChanges(Document settings) {
        Map<IsoWeek, Integer> changes = new TreeMap<>();
        Document goal = settings == null ? null : settings.get("goal", Document.class);
        if (goal != null) {
            goal.forEach((week, days) -> changes.put(IsoWeek.parse(week), ((Number) days).intValue()));
        }
        return changes;
    }

    /** Copies the goals of the layout before generations ({@code goals}: one document per person). */
    public int importGoals(Iterable<Document> oldGoals) {
        int n = 0;
        for (Document d : oldGoals) {
            Document changes = d.get("changes", Document.class);
            if (changes != null && !changes.isEmpty()) {
                var sets = changes.entrySet().stream().map(e -> Updates.set("goal." + e.getKey(), e.getValue())).toList();
                store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(d.getString("_id"))),
                        Updates.combine(sets), new UpdateOptions().upsert(true));
                n++;
            }
        }
        return n;
    }
}

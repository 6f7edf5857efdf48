package dev.sukha.insights.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.WeeklyGoal;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.HashMap;
import java.util.Map;

/**
 * What a person sets themselves (the weekly goal's changes), in the projection collection
 * but outside its generations: a rebuild replays the topic and never touches these.
 */
@ApplicationScoped
public class People {

    private final Store store;

    public People(Store store) {
        this.store = store;
    }

    public void setGoal(String user, IsoWeek from, int days) {
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)), Updates.set("goal." + from, days),
                new UpdateOptions().upsert(true));
    }

    static WeeklyGoal goal(Document settings) {
        Map<IsoWeek, Integer> changes = new HashMap<>();
        Document goal = settings == null ? null : settings.get("goal", Document.class);
        if (goal != null) {
            goal.forEach((week, days) -> changes.put(IsoWeek.parse(week), ((Number) days).intValue()));
        }
        return new WeeklyGoal(changes);
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

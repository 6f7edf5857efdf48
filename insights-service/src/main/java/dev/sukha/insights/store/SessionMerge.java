package dev.sukha.insights.store;

import dev.sukha.insights.messaging.PracticeRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import com.mongodb.client.model.Updates;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a person's events into one update of their document. Every event sets only
 * fields that belong to it ({@code $set}) or adds to a set ({@code $addToSet}), so
 * applying events twice, or in any order, leaves the same document.
 */
public final class SessionMerge {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Map<String, Object> sets = new LinkedHashMap<>();
    private final Map<String, TreeSet<Integer>> adds = new LinkedHashMap<>();

    public void add(PracticeRecord r) {
        String s = "sessions." + r.sessionId() + ".";
        // Every record carries its session's facts: whichever arrives first sets them.
        sets.put(s + "routineId", r.routineId());
        sets.put(s + "routineVersion", r.routineVersion());
        sets.put(s + "stepCount", r.stepCount());
        sets.put(s + "zone", r.zone());
        switch (r.type()) {
            case "SESSION_STARTED" -> {
                sets.put(s + "startedAt", ISO.format(r.occurredAt()));
                if (r.pain() != null) {
                    sets.put(s + "painBefore", new Document(new LinkedHashMap<>(r.pain())));
                }
            }
            case "SESSION_COMPLETED", "SESSION_ABANDONED" -> {
                sets.put(s + "end", r.type());
                sets.put(s + "endedAt", ISO.format(r.occurredAt()));
                if (r.pain() != null) {
                    sets.put(s + "painAfter", new Document(new LinkedHashMap<>(r.pain())));
                }
            }
            case "POSE_COMPLETED" -> adds.computeIfAbsent(s + "completed", k -> new TreeSet<>()).add(r.step());
            case "POSE_SKIPPED" -> adds.computeIfAbsent(s + "skipped", k -> new TreeSet<>()).add(r.step());
            default -> {
                // POSE_STARTED: nothing beyond the session's facts.
            }
        }
    }

    public Bson update() {
        List<Bson> parts = new ArrayList<>();
        sets.forEach((path, value) -> parts.add(Updates.set(path, value)));
        adds.forEach((path, values) -> parts.add(Updates.addEachToSet(path, new ArrayList<>(values))));
        return Updates.combine(parts);
    }
}

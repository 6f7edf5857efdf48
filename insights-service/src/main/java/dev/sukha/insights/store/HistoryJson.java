package dev.sukha.insights.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sukha.insights.domain.History;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.PainAlert;
import dev.sukha.insights.domain.PosePain;
import dev.sukha.insights.domain.PracticeDays;
import dev.sukha.insights.domain.RoutineTotals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A history (of a week, a year, a life) as JSON strings: whole, or as its core and its alerts part. */
final class HistoryJson {

    private HistoryJson() {
    }

    /** A whole history as one string: what a year keeps of each of its weeks. */
    static String history(History h) {
        ObjectNode n = StoredJson.JSON.createObjectNode();
        writeCore(n, h);
        writeAlerts(n, h);
        return StoredJson.write(n);
    }

    /**
     * The part of a history that streaks, the goal and the relief ranking read: practice days,
     * routine totals, latest session. Kept apart from {@link #historyAlerts} in a person's
     * summary, so that those reads never decode what only the alerts need (a few recent
     * sessions, weeks and, per pose practised, ratings: most of a year's bytes).
     */
    static String historyCore(History h) {
        ObjectNode n = StoredJson.JSON.createObjectNode();
        writeCore(n, h);
        return StoredJson.write(n);
    }

    /** The part of a history that only the safety alerts read. */
    static String historyAlerts(History h) {
        ObjectNode n = StoredJson.JSON.createObjectNode();
        writeAlerts(n, h);
        return StoredJson.write(n);
    }

    /** How much the alerts part holds, by kind and pose: {@code {"s": n, "w": n, "p": {pose: [ratings, reaches]}}}. */
    static String alertCounts(History h) {
        History.AlertCounts c = History.AlertCounts.of(h);
        ObjectNode n = StoredJson.JSON.createObjectNode().put("s", c.sessionsWithPain()).put("w", c.weeksWithPain());
        ObjectNode poses = n.putObject("p");
        new TreeMap<>(c.poses()).forEach((pose, counts) -> poses.putArray(pose).add(counts.get(0)).add(counts.get(1)));
        return StoredJson.write(n);
    }

    static History.AlertCounts alertCounts(String json) {
        JsonNode n = StoredJson.read(json);
        Map<String, List<Integer>> poses = new TreeMap<>();
        n.path("p").fields().forEachRemaining(e -> poses.put(e.getKey(), List.of(e.getValue().get(0).asInt(), e.getValue().get(1).asInt())));
        return new History.AlertCounts(n.path("s").asInt(), n.path("w").asInt(), poses);
    }

    private static void writeCore(ObjectNode n, History h) {
        n.putObject("d").put("o", h.days().origin())
                .put("b", Base64.getEncoder().encodeToString(h.days().toBytes()));
        ObjectNode routines = n.putObject("r");
        new TreeMap<>(h.routines()).forEach((id, t) -> routines.putArray(id)
                .add(t.started()).add(t.withPain()).add(t.reliefX()).add(t.meaningful()));
        if (h.latest() != null) {
            instant(n.putArray("l"), h.latest().start()).add(h.latest().sessionId()).add(h.latest().zone());
        }
    }

    private static void writeAlerts(ObjectNode n, History h) {
        ArrayNode sessions = n.putArray("s");
        for (PainAlert.SessionPain s : h.lastSessionsWithPain()) {
            date(instant(sessions.addArray(), s.start()).add(s.sessionId()), s.date()).add(s.reliefX());
        }
        ArrayNode weeks = n.putArray("w");
        for (PainAlert.WeekPain w : h.lastWeeksWithPain()) {
            weeks.addArray().add(w.week().toString()).add(w.sessions()).add(w.beforeX());
        }
        if (!h.poses().isEmpty()) {
            // per pose: [[start, session, step, date, discomfort, gentler]...], [[start, session, date, skippedForPain, gentler]...]
            ObjectNode poses = n.putObject("p");
            new TreeMap<>(h.poses()).forEach((pose, recent) -> {
                ArrayNode p = poses.putArray(pose);
                ArrayNode ratings = p.addArray();
                recent.ratings().forEach(r -> date(instant(ratings.addArray(), r.start()).add(r.sessionId()).add(r.step()), r.date())
                        .add(r.discomfort()).add(r.gentler()));
                ArrayNode reaches = p.addArray();
                recent.reaches().forEach(r -> date(instant(reaches.addArray(), r.start()).add(r.sessionId()), r.date())
                        .add(r.skippedForPain()).add(r.gentler()));
            });
        }
    }

    /** A history from one string holding all of it (or any of its parts). */
    static History history(String json) {
        return history(json, null, true);
    }

    /**
     * A history from its core and its alerts part, kept apart ({@code alerts} null: the core
     * string holds both, as summaries written before the split do). Without {@code withAlerts},
     * the alerts part is not decoded and the history has none: for figures that raise no alert.
     */
    static History history(String core, String alerts, boolean withAlerts) {
        JsonNode n = StoredJson.read(core);
        JsonNode a = !withAlerts ? null : alerts == null ? n : StoredJson.read(alerts);
        JsonNode days = n.path("d");
        PracticeDays practiceDays = days.isMissingNode() ? PracticeDays.empty()
                : PracticeDays.fromBytes(days.get("o").asLong(), Base64.getDecoder().decode(days.get("b").asText()));
        Map<String, RoutineTotals> routines = new TreeMap<>();
        n.path("r").fields().forEachRemaining(e -> {
            JsonNode t = e.getValue();
            routines.put(e.getKey(), new RoutineTotals(t.get(0).asInt(), t.get(1).asInt(), t.get(2).asLong(), t.get(3).asInt()));
        });
        JsonNode l = n.get("l");
        History.Latest latest = l == null ? null
                : new History.Latest(instant(l.get(0)), l.get(1).asText(), l.get(2).asText());
        if (a == null) {
            return new History(practiceDays, routines, List.of(), List.of(), latest, null);
        }
        List<PainAlert.SessionPain> sessions = new ArrayList<>();
        for (JsonNode s : a.path("s")) {
            sessions.add(new PainAlert.SessionPain(instant(s.get(0)), s.get(1).asText(), date(s.get(2)), s.get(3).asLong()));
        }
        List<PainAlert.WeekPain> weeks = new ArrayList<>();
        for (JsonNode w : a.path("w")) {
            weeks.add(new PainAlert.WeekPain(IsoWeek.parse(w.get(0).asText()), w.get(1).asInt(), w.get(2).asLong()));
        }
        Map<String, PosePain.Recent> poses = new TreeMap<>();
        a.path("p").fields().forEachRemaining(e -> {
            List<PosePain.Rating> ratings = new ArrayList<>();
            for (JsonNode r : e.getValue().get(0)) {
                ratings.add(new PosePain.Rating(instant(r.get(0)), r.get(1).asText(), r.get(2).asInt(), date(r.get(3)),
                        r.get(4).asInt(), StoredJson.text(r.get(5))));
            }
            List<PosePain.Reach> reaches = new ArrayList<>();
            for (JsonNode r : e.getValue().get(1)) {
                reaches.add(new PosePain.Reach(instant(r.get(0)), r.get(1).asText(), date(r.get(2)), r.get(3).asBoolean(),
                        StoredJson.text(r.get(4))));
            }
            poses.put(e.getKey(), new PosePain.Recent(ratings, reaches));
        });
        return new History(practiceDays, routines, sessions, weeks, latest, poses);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /*
     * A history's instants and dates are kept as numbers (epoch milliseconds, epoch days):
     * parsing ISO text was most of the time it took to read a long history (measured: ten years
     * of a daily person's alerts part, 350 µs). Text, as written before, still reads; an instant
     * finer than a millisecond stays text, so that every value reads back exactly.
     */

    private static ArrayNode instant(ArrayNode a, Instant at) {
        return at.getNano() % 1_000_000 == 0 ? a.add(at.toEpochMilli()) : a.add(at.toString());
    }

    private static Instant instant(JsonNode n) {
        return n.isNumber() ? Instant.ofEpochMilli(n.asLong()) : Instant.parse(n.asText());
    }

    private static ArrayNode date(ArrayNode a, LocalDate date) {
        return a.add(date.toEpochDay());
    }

    private static LocalDate date(JsonNode n) {
        return n.isNumber() ? LocalDate.ofEpochDay(n.asLong()) : LocalDate.parse(n.asText());
    }
}

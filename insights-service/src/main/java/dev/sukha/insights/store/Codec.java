package dev.sukha.insights.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sukha.insights.domain.EventType;
import dev.sukha.insights.domain.History;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.PainAlert;
import dev.sukha.insights.domain.PosePain;
import dev.sukha.insights.domain.PracticeDays;
import dev.sukha.insights.domain.PracticeEvent;
import dev.sukha.insights.domain.Rfc3339;
import dev.sukha.insights.domain.RoutineTotals;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.domain.StepFeel;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How events, session facts and histories are kept in the store: each as one JSON string.
 * A document holds many of them (a session its events, a week its sessions, a year its
 * weeks), and a store writes and reads a string far more cheaply than a tree of small
 * fields (measured on the local store: 1.5× the upserts per second), while an operator can
 * still read them. Field order is fixed, so an event written twice is the same string
 * ({@code $addToSet} keeps one) and equal values compare equal.
 */
final class Codec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Codec() {
    }

    // ---- an event, in its session's document ----------------------------------------------------

    /** Event types in a line: two letters each. */
    private static final Map<EventType, String> CODES = Map.of(EventType.SESSION_STARTED, "SS",
            EventType.POSE_STARTED, "PS", EventType.POSE_COMPLETED, "PC", EventType.POSE_SKIPPED, "PK",
            EventType.SESSION_COMPLETED, "SC", EventType.SESSION_ABANDONED, "SA");
    private static final Map<String, EventType> TYPES = new java.util.HashMap<>();

    static {
        CODES.forEach((type, code) -> TYPES.put(code, type));
    }

    /**
     * An event as one short line, {@code eventId type occurredAt step pain [feel]}, kept under its
     * session: what is the same on every event of a session (routine, version, step count,
     * zone) is kept once per session, in {@link #context}. Every part is checked when the
     * record is read (ids are UUIDs, areas and zones have no spaces). A completed or skipped
     * pose adds {@code pose|side|gentler|discomfort|reason} ("-" for none; the gentler label
     * URL-encoded, as it may hold spaces); lines written before that have five parts.
     */
    static String event(PracticeEvent e) {
        StringBuilder b = new StringBuilder(96).append(e.eventId()).append(' ').append(CODES.get(e.type())).append(' ')
                .append(Rfc3339.format(e.occurredAt())).append(' ')
                .append(e.step() == null ? "-" : e.step().toString()).append(' ');
        if (e.pain() == null) {
            b.append('-');
        } else {
            new TreeMap<>(e.pain()).forEach((area, v) -> b.append(area).append('=').append(v).append(','));
            b.setLength(b.length() - 1);
        }
        StepFeel f = e.feel();
        if (f != null) {
            b.append(' ').append(f.pose()).append('|').append(f.side()).append('|')
                    .append(f.gentler() == null ? "-" : URLEncoder.encode(f.gentler(), StandardCharsets.UTF_8)).append('|')
                    .append(f.discomfort() == null ? "-" : f.discomfort().toString()).append('|')
                    .append(f.reason() == null ? "-" : f.reason());
        }
        return b.toString();
    }

    private static StepFeel feel(String part) {
        String[] p = part.split("\\|", -1);
        return new StepFeel(p[0], p[1], p[2].equals("-") ? null : URLDecoder.decode(p[2], StandardCharsets.UTF_8),
                p[3].equals("-") ? null : Integer.valueOf(p[3]), p[4].equals("-") ? null : p[4]);
    }

    /** What every event of a session carries alike: {@code routineId version stepCount zone}. */
    static String context(PracticeEvent e) {
        return e.routineId() + " " + e.routineVersion() + " " + e.stepCount() + " " + e.zone();
    }

    static PracticeEvent event(String sessionId, String context, String line) {
        String[] c = context.split(" ");
        String[] f = line.split(" ");
        Map<String, Integer> pain = null;
        if (!f[4].equals("-")) {
            pain = new TreeMap<>();
            for (String rating : f[4].split(",")) {
                int eq = rating.indexOf('=');
                pain.put(rating.substring(0, eq), Integer.parseInt(rating.substring(eq + 1)));
            }
        }
        return new PracticeEvent(f[0], sessionId, TYPES.get(f[1]), Rfc3339.parse(f[2]), c[0],
                Integer.parseInt(c[1]), Integer.parseInt(c[2]), c[3], f[3].equals("-") ? null : Integer.valueOf(f[3]), pain,
                null, f.length > 5 ? feel(f[5]) : null);
    }

    static String eventId(String line) {
        return line.substring(0, line.indexOf(' '));
    }

    // ---- a session's facts, in its week's document ----------------------------------------------

    /**
     * A session's facts, by position: {@code [routineId, version, stepCount, zone, startedAt, end,
     * endedAt, painBefore, painAfter, completed steps, skipped steps, feels]}, feels being
     * {@code {step: [pose, side, gentler, discomfort, reason]}} (absent when none, and on facts
     * written before).
     */
    static String facts(SessionFacts s) {
        ArrayNode n = JSON.createArrayNode();
        n.add(s.routineId()).add(s.routineVersion()).add(s.stepCount()).add(s.zone())
                .add(s.startedAt() == null ? null : Rfc3339.format(s.startedAt())).add(s.end())
                .add(s.endedAt() == null ? null : Rfc3339.format(s.endedAt()));
        n.add(ratings(s.painBefore()));
        n.add(ratings(s.painAfter()));
        n.add(ints(s.completedSteps()));
        n.add(ints(s.skippedSteps()));
        if (!s.feels().isEmpty()) {
            ObjectNode feels = n.addObject();
            new TreeMap<>(s.feels()).forEach((step, f) -> feels.putArray(step.toString()).add(f.pose()).add(f.side())
                    .add(f.gentler()).add(f.discomfort()).add(f.reason()));
        }
        return write(n);
    }

    static SessionFacts facts(String sessionId, String json) {
        JsonNode n = read(json);
        return new SessionFacts(sessionId, text(n.get(0)), n.get(1).asInt(), n.get(2).asInt(), text(n.get(3)),
                time(text(n.get(4))), text(n.get(5)), time(text(n.get(6))), ratings(n.get(7)), ratings(n.get(8)),
                intSet(n.get(9)), intSet(n.get(10)), feels(n.get(11)));
    }

    private static Map<Integer, StepFeel> feels(JsonNode n) {
        Map<Integer, StepFeel> out = new TreeMap<>();
        if (n != null) {
            n.fields().forEachRemaining(e -> {
                JsonNode f = e.getValue();
                out.put(Integer.valueOf(e.getKey()), new StepFeel(f.get(0).asText(), f.get(1).asText(), text(f.get(2)),
                        f.get(3).isNull() ? null : f.get(3).asInt(), text(f.get(4))));
            });
        }
        return out;
    }

    // ---- a history (of a week, a year, a life) ---------------------------------------------------

    /** A whole history as one string: what a year keeps of each of its weeks. */
    static String history(History h) {
        ObjectNode n = JSON.createObjectNode();
        writeCore(n, h);
        writeAlerts(n, h);
        return write(n);
    }

    /**
     * The part of a history that streaks, the goal and the relief ranking read: practice days,
     * routine totals, latest session. Kept apart from {@link #historyAlerts} in a person's
     * summary, so that those reads never decode what only the alerts need (a few recent
     * sessions, weeks and, per pose practised, ratings: most of a year's bytes).
     */
    static String historyCore(History h) {
        ObjectNode n = JSON.createObjectNode();
        writeCore(n, h);
        return write(n);
    }

    /** The part of a history that only the safety alerts read. */
    static String historyAlerts(History h) {
        ObjectNode n = JSON.createObjectNode();
        writeAlerts(n, h);
        return write(n);
    }

    /** How much the alerts part holds, by kind and pose: {@code {"s": n, "w": n, "p": {pose: [ratings, reaches]}}}. */
    static String alertCounts(History h) {
        History.AlertCounts c = History.AlertCounts.of(h);
        ObjectNode n = JSON.createObjectNode().put("s", c.sessionsWithPain()).put("w", c.weeksWithPain());
        ObjectNode poses = n.putObject("p");
        new TreeMap<>(c.poses()).forEach((pose, counts) -> poses.putArray(pose).add(counts.get(0)).add(counts.get(1)));
        return write(n);
    }

    static History.AlertCounts alertCounts(String json) {
        JsonNode n = read(json);
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
        JsonNode n = read(core);
        JsonNode a = !withAlerts ? null : alerts == null ? n : read(alerts);
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
                        r.get(4).asInt(), text(r.get(5))));
            }
            List<PosePain.Reach> reaches = new ArrayList<>();
            for (JsonNode r : e.getValue().get(1)) {
                reaches.add(new PosePain.Reach(instant(r.get(0)), r.get(1).asText(), date(r.get(2)), r.get(3).asBoolean(),
                        text(r.get(4))));
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

    private static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable value in the store: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    private static OffsetDateTime time(String text) {
        return text == null ? null : Rfc3339.parse(text);
    }

    private static ObjectNode ratings(Map<String, Integer> ratings) {
        ObjectNode n = JSON.createObjectNode();
        new TreeMap<>(ratings).forEach(n::put);
        return n;
    }

    private static Map<String, Integer> ratings(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        Map<String, Integer> out = new TreeMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }

    private static ArrayNode ints(Set<Integer> values) {
        ArrayNode a = JSON.createArrayNode();
        new TreeSet<>(values).forEach(a::add);
        return a;
    }

    private static Set<Integer> intSet(JsonNode n) {
        Set<Integer> out = new HashSet<>();
        if (n != null) {
            n.forEach(v -> out.add(v.asInt()));
        }
        return out;
    }
}

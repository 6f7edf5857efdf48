package dev.sukha.insights.usecase;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sukha.insights.domain.BodyArea;
import dev.sukha.insights.domain.EventType;
import dev.sukha.insights.domain.Minutes;
import dev.sukha.insights.domain.PracticeEvent;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.store.People;
import dev.sukha.insights.store.ReminderPlans;
import dev.sukha.insights.store.PersonalRecords;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's own data to take away: every event as it was posted (so that posting the
 * export's events again is a duplicate, not a conflict), goal changes, pauses, the intake, a
 * clearance and the reminder with its push subscription; or, as CSV,
 * one row per session.
 */
@ApplicationScoped
public class Export {

    /** An event with the fields of {@code POST /v1/events}, as it was posted (the start with the version it resolved to). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PostedEvent(String eventId, String type, String sessionId, String occurredAt, String routineId,
                              Integer routineVersion, String zone, Integer step, Map<String, Integer> pain,
                              Integer discomfort, String reason) {
    }

    public record GoalChange(String fromWeek, int days) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PauseView(String id, String from, String to, String reason) {
    }

    /** The export: whose, when, and everything recorded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Everything(String userId, Instant exportedAt, List<PostedEvent> events, List<GoalChange> goals,
                             List<PauseView> pauses, Intakes.IntakeAnswers intake, Intakes.ClearanceAnswers clearance,
                             Reminders.ReminderAnswers reminder) {
    }

    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final PersonalRecords records;
    private final ReminderPlans reminders;
    private final Clock clock = Clock.systemUTC();

    public Export(PersonalRecords records, ReminderPlans reminders) {
        this.records = records;
        this.reminders = reminders;
    }

    public Everything json(String user) {
        PersonalRecords.Everything all = records.read(user);
        // Sessions in the order they started, each session's events in the order they happened.
        Map<String, OffsetDateTime> starts = new HashMap<>();
        all.events().stream().filter(e -> e.type() == EventType.SESSION_STARTED)
                .forEach(e -> starts.merge(e.sessionId(), e.occurredAt(), (a, b) -> a.isBefore(b) ? a : b));
        List<PracticeEvent> ordered = new ArrayList<>(all.events());
        ordered.sort(Comparator.comparing((PracticeEvent e) -> starts.getOrDefault(e.sessionId(), e.occurredAt()).toInstant())
                .thenComparing(PracticeEvent::sessionId)
                .thenComparing(e -> e.occurredAt().toInstant())
                .thenComparing(PracticeEvent::eventId));
        List<PostedEvent> events = ordered.stream().map(Export::posted).toList();
        List<GoalChange> goals = all.goals().entrySet().stream().map(g -> new GoalChange(g.getKey().toString(), g.getValue())).toList();
        List<PauseView> pauses = all.pauses().stream()
                .map(p -> new PauseView(p.id(), p.from().toString(), p.to().toString(), p.reason())).toList();
        People.Screening s = all.screening();
        return new Everything(user, clock.instant(), events, goals, pauses,
                s.intake() == null ? null : Intakes.IntakeAnswers.of(s.intake()), Intakes.ClearanceAnswers.of(s.clearance()),
                Reminders.ReminderAnswers.of(reminders.read(user).map(ReminderPlans.Kept::reminder).orElse(null)));
    }

    static PostedEvent posted(PracticeEvent e) {
        boolean start = e.type() == EventType.SESSION_STARTED;
        boolean pose = e.type().name().startsWith("POSE_");
        return new PostedEvent(e.eventId(), e.type().name(), e.sessionId(), RFC_3339.format(e.occurredAt()),
                start ? e.routineId() : null, start ? e.routineVersion() : null, start ? e.zone() : null,
                pose ? e.step() : null, e.pain(),
                e.feel() == null || e.type() != EventType.POSE_COMPLETED ? null : e.feel().discomfort(),
                e.feel() == null || e.type() != EventType.POSE_SKIPPED ? null : e.feel().reason());
    }

    /** The CSV's columns: the session, then pain before and after for every area. */
    static final List<String> HEADER;

    static {
        List<String> header = new ArrayList<>(List.of("date", "session_id", "routine", "routine_version", "minutes",
                "poses_completed", "poses_skipped", "end"));
        BodyArea.WIRE.forEach(a -> header.add("before_" + a));
        BodyArea.WIRE.forEach(a -> header.add("after_" + a));
        HEADER = List.copyOf(header);
    }

    /** One row per started session, earliest first (RFC 4180: CRLF line ends, fields quoted when needed). */
    public String csv(String user) {
        List<SessionFacts> sessions = new ArrayList<>(records.read(user).sessions().stream().filter(SessionFacts::started).toList());
        sessions.sort(SessionFacts.BY_START);
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        for (SessionFacts s : sessions) {
            List<String> row = new ArrayList<>(List.of(s.localDate().toString(), s.sessionId(), String.valueOf(s.routineId()),
                    String.valueOf(s.routineVersion()), s.end() == null ? "" : String.valueOf(Math.round(Minutes.seconds(s) / 60.0)),
                    String.valueOf(s.completedSteps().size()), String.valueOf(s.skippedSteps().size()),
                    s.end() == null ? "" : s.end().equals(SessionFacts.COMPLETED) ? "completed" : "abandoned"));
            BodyArea.WIRE.forEach(a -> row.add(s.painBefore().containsKey(a) ? s.painBefore().get(a).toString() : ""));
            BodyArea.WIRE.forEach(a -> row.add(s.painAfter().containsKey(a) ? s.painAfter().get(a).toString() : ""));
            row(out, row);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            if (i > 0) {
                out.append(',');
            }
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        out.append("\r\n");
    }
}

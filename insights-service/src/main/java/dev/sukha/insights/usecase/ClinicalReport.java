package dev.sukha.insights.usecase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sukha.insights.domain.BodyArea;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.Minutes;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.store.ProjectionReader;
import dev.sukha.platform.problem.Problem;
import dev.sukha.platform.problem.ProblemException;
import dev.sukha.insights.domain.Clearance;
import dev.sukha.insights.domain.Intake;
import dev.sukha.insights.domain.RedFlag;
import dev.sukha.insights.domain.Space;
import dev.sukha.insights.store.People;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The report a person hands their clinician: an HL7 FHIR R4 {@code Bundle} of type
 * {@code collection} — the person as a {@code Patient} known only by an identifier; per
 * session, area and moment a pain {@code Observation} (LOINC 72514-3, {@code valueInteger},
 * the area as a SNOMED CT {@code bodySite}); per ended session its duration (LOINC 55411-3,
 * UCUM {@code min}); and the current intake, a {@code QuestionnaireResponse}. Ids are name-based UUIDs, so the same
 * sessions give the same report.
 */
@ApplicationScoped
public class ClinicalReport {

    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String USER_IDS = "https://sukha.dev/fhir/sid/user";
    /** The longest period one report covers. */
    static final int MAX_DAYS = 5 * 366;
    static final int DEFAULT_DAYS = 90;
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    static final String SUKHA_CODES = "https://sukha.dev/fhir/CodeSystem/";

    private final ProjectionReader reader;
    private final People people;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();

    public ClinicalReport(ProjectionReader reader, People people) {
        this.reader = reader;
        this.people = people;
    }

    /** The Bundle of the sessions whose local date is from {@code from} to {@code to} (both included). */
    public String bundle(String user, String from, String to) {
        List<Problem.Error> errors = new ArrayList<>();
        // Without dates: the last 90 days up to today wherever today already is (UTC+14).
        LocalDate last = date("to", to, errors, LocalDate.now(clock.withZone(ZoneOffset.ofHours(14))));
        LocalDate first = date("from", from, errors, last == null ? null : last.minusDays(DEFAULT_DAYS - 1));
        if (errors.isEmpty()) {
            if (first.isAfter(last)) {
                errors.add(new Problem.Error("from", "is after to"));
            } else if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
                errors.add(new Problem.Error("from", "a report covers at most " + MAX_DAYS + " days"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(400, "Invalid query parameter.", errors));
        }
        TreeSet<IsoWeek> weeks = new TreeSet<>();
        for (IsoWeek w = IsoWeek.of(first); !w.monday().isAfter(last); w = w.plus(1)) {
            weeks.add(w);
        }
        List<SessionFacts> sessions = new ArrayList<>(reader.read(user, weeks, false).sessions(weeks).stream()
                .filter(SessionFacts::started)
                .filter(s -> !s.localDate().isBefore(first) && !s.localDate().isAfter(last)).toList());
        sessions.sort(SessionFacts.BY_START);
        try {
            return json.writeValueAsString(bundle(user, sessions, people.screening(user)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode bundle(String user, List<SessionFacts> sessions, People.Screening screening) {
        ObjectNode bundle = json.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("id", id("bundle", user, clock.instant().toString()));
        bundle.put("type", "collection");
        bundle.put("timestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode entries = bundle.putArray("entry");
        String patient = id("patient", user);
        ObjectNode p = entry(entries, patient, "Patient");
        p.putArray("identifier").addObject().put("system", USER_IDS).put("value", user);
        for (SessionFacts s : sessions) {
            pain(entries, patient, s, "before", s.painBefore(), RFC_3339.format(s.startedAt()));
            if (s.endedAt() != null) {
                pain(entries, patient, s, "after", s.painAfter(), RFC_3339.format(s.endedAt()));
                duration(entries, patient, s);
            }
        }
        if (screening.intake() != null) {
            intake(entries, patient, screening.intake(), screening.clearance());
        }
        return bundle;
    }

    /**
     * The person's current intake as a {@code QuestionnaireResponse}: each answer an item (areas as SNOMED CT body
     * sites, pain per area, how long, where and how much they practise), every safety question with its yes or no,
     * and a clinician's clearance when one is recorded.
     */
    private void intake(ArrayNode entries, String patient, Intake intake, Clearance clearance) {
        ObjectNode q = entry(entries, id("intake", patient, intake.takenOn().toString()), "QuestionnaireResponse");
        q.put("status", "completed");
        q.putObject("subject").put("reference", "urn:uuid:" + patient);
        q.put("authored", intake.takenOn().toString());
        ArrayNode items = q.putArray("item");
        ArrayNode areas = item(items, "areas", "Areas that hurt");
        for (BodyArea area : BodyArea.values()) {
            if (intake.areas().contains(area)) {
                areas.addObject().putObject("valueCoding").put("system", SNOMED).put("code", area.snomed())
                        .put("display", area.snomedDisplay());
                item(items, "pain." + area.wire(), "Pain now in the " + area.wire().replace('_', ' ') + ", 0 to 10")
                        .addObject().put("valueInteger", intake.pain().get(area));
            }
        }
        item(items, "duration", "How long the pain has lasted").addObject().putObject("valueCoding")
                .put("system", SUKHA_CODES + "pain-duration").put("code", intake.duration().name());
        ArrayNode spaces = item(items, "spaces", "Where they can practise");
        intake.spaces().stream().map(Space::wire).sorted().forEach(sp -> spaces.addObject().put("valueString", sp));
        item(items, "minutesPerDay", "Minutes a day").addObject().put("valueInteger", intake.minutesPerDay());
        item(items, "daysPerWeek", "Days a week").addObject().put("valueInteger", intake.daysPerWeek());
        for (RedFlag flag : RedFlag.values()) {
            item(items, "redFlag." + flag.name(), "Safety question " + flag.name() + " (" + flag.advice.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + " if yes)").addObject().put("valueBoolean", intake.redFlags().contains(flag));
        }
        if (clearance != null) {
            item(items, "clearedOn", "Cleared to exercise by a clinician on").addObject().put("valueDate", clearance.clearedOn().toString());
        }
    }

    private static ArrayNode item(ArrayNode items, String linkId, String text) {
        return items.addObject().put("linkId", linkId).put("text", text).putArray("answer");
    }

    private void pain(ArrayNode entries, String patient, SessionFacts s, String moment, Map<String, Integer> ratings, String at) {
        for (BodyArea area : BodyArea.values()) {
            Integer value = ratings.get(area.wire());
            if (value == null) {
                continue;
            }
            ObjectNode o = observation(entries, id("pain", s.sessionId(), area.wire(), moment), patient, "survey", "Survey");
            ObjectNode code = o.putObject("code");
            code.putArray("coding").addObject().put("system", LOINC).put("code", "72514-3")
                    .put("display", "Pain severity - 0-10 verbal numeric rating [Score] - Reported");
            code.put("text", "Pain " + moment + " practice");
            o.putObject("subject").put("reference", "urn:uuid:" + patient);
            o.put("effectiveDateTime", at);
            o.put("valueInteger", value);
            ObjectNode site = o.putObject("bodySite");
            site.putArray("coding").addObject().put("system", SNOMED).put("code", area.snomed()).put("display", area.snomedDisplay());
            site.put("text", area.wire().replace('_', ' '));
            o.putArray("note").addObject().put("text", "Rated " + moment + " a session of " + s.routineId() + " (version "
                    + s.routineVersion() + ").");
        }
    }

    private void duration(ArrayNode entries, String patient, SessionFacts s) {
        ObjectNode o = observation(entries, id("duration", s.sessionId()), patient, "activity", "Activity");
        ObjectNode code = o.putObject("code");
        code.putArray("coding").addObject().put("system", LOINC).put("code", "55411-3").put("display", "Exercise duration");
        code.put("text", "Practice of " + s.routineId() + ", " + (s.end().equals(SessionFacts.COMPLETED) ? "completed" : "stopped early"));
        o.putObject("subject").put("reference", "urn:uuid:" + patient);
        o.putObject("effectivePeriod").put("start", RFC_3339.format(s.startedAt())).put("end", RFC_3339.format(s.endedAt()));
        o.putObject("valueQuantity").put("value", Math.round(Minutes.seconds(s) / 60.0)).put("unit", "min")
                .put("system", "http://unitsofmeasure.org").put("code", "min");
    }

    private static ObjectNode observation(ArrayNode entries, String id, String patient, String category, String display) {
        ObjectNode o = entry(entries, id, "Observation");
        o.put("status", "final");
        o.putArray("category").addObject().putArray("coding").addObject().put("system", CATEGORY).put("code", category)
                .put("display", display);
        return o;
    }

    private static ObjectNode entry(ArrayNode entries, String id, String type) {
        ObjectNode entry = entries.addObject();
        entry.put("fullUrl", "urn:uuid:" + id);
        ObjectNode resource = entry.putObject("resource");
        resource.put("resourceType", type);
        resource.put("id", id);
        return resource;
    }

    private static String id(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static LocalDate date(String field, String text, List<Problem.Error> errors, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.Error(field, "is not a date (YYYY-MM-DD)"));
            return null;
        }
    }
}

package dev.sukha.insights.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.sukha.insights.domain.Clearance;
import dev.sukha.insights.domain.Intake;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.NextSession;
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
 * What a person sets themselves — the weekly goal's changes, their pauses, their intake and a
 * clinician's clearance — in one
 * settings document per person, in the projection collection but outside its generations:
 * a rebuild replays the topic and never touches these, and every read of figures already
 * reads this document. Every change raises its {@code srev} ({@link Revisions}).
 * <p>
 * Each goal change ({@code goal.<week>}) and each pause ({@code pause.<id>}: from, to, reason) is sealed
 * under the person's key ({@link PersonSeal}); the weeks and pause ids are the field names. Settings
 * written before they were sealed (a number, a sub-document) read until the migration seals them.
 */
@ApplicationScoped
public class People {

    private final Store store;
    private final PersonSeals seals;

    public People(Store store, PersonSeals seals) {
        this.store = store;
        this.seals = seals;
    }

    public void setGoal(String user, IsoWeek from, int days) {
        String sealed = seals.forWriting(user).seal(PersonSeal.Kind.GOAL, from.toString(), String.valueOf(days));
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.set("goal." + from, sealed), Revisions.settingsChanged()), new UpdateOptions().upsert(true));
    }

    /** Adds a pause, or replaces the one with its id. */
    public void putPause(String user, Pause pause) {
        String sealed = sealPause(seals.forWriting(user), pause);
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.set("pause." + pause.id(), sealed), Revisions.settingsChanged()), new UpdateOptions().upsert(true));
    }

    static String sealPause(PersonSeal seal, Pause pause) {
        return seal.seal(PersonSeal.Kind.PAUSE, pause.id(), pause.from() + "\t" + pause.to() + "\t"
                + (pause.reason() == null ? "" : pause.reason()));
    }

    static String sealGoal(PersonSeal seal, String week, int days) {
        return seal.seal(PersonSeal.Kind.GOAL, week, String.valueOf(days));
    }

    /**
     * Keeps an intake in place of the one before and, in the same write, its days a week as the weekly goal from
     * {@code week} on. A clearance stays: {@code SafetyScreen} says which answers it still covers.
     */
    public void putIntake(String user, Intake intake, IsoWeek week) {
        PersonSeal seal = seals.forWriting(user);
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.set("intake", seal.seal(PersonSeal.Kind.INTAKE, "intake", IntakeJson.intake(intake))),
                        Updates.set("goal." + week, sealGoal(seal, week.toString(), intake.daysPerWeek())),
                        Revisions.settingsChanged()), new UpdateOptions().upsert(true));
    }

    public void putClearance(String user, Clearance clearance) {
        PersonSeal seal = seals.forWriting(user);
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.set("clearance", seal.seal(PersonSeal.Kind.CLEARANCE, "clearance", IntakeJson.clearance(clearance))),
                        Revisions.settingsChanged()), new UpdateOptions().upsert(true));
    }

    /** Starts the person on a programme (in place of the one they followed, if any). */
    public void putEnrolment(String user, NextSession.Enrolment e) {
        PersonSeal seal = seals.forWriting(user);
        String value = e.programmeId() + "\t" + e.startedAt() + "\t" + e.startedOn() + "\t" + e.startStage();
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.set("programme", seal.seal(PersonSeal.Kind.PROGRAMME, "programme", value)),
                        Revisions.settingsChanged()), new UpdateOptions().upsert(true));
    }

    public void removeEnrolment(String user) {
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.unset("programme"), Revisions.settingsChanged()));
    }

    /** The person's intake, clearance and programme (each null when none is kept). */
    public record Screening(Intake intake, Clearance clearance, NextSession.Enrolment enrolment) {
    }

    public Screening screening(String user) {
        return screening(store.projection().find(Filters.eq("_id", ProjectionIds.settings(user))).first(), seals.forReading(user));
    }

    static Screening screening(Document settings, PersonSeal seal) {
        if (settings == null) {
            return new Screening(null, null, null);
        }
        String intake = settings.getString("intake") == null ? null : seal.open(PersonSeal.Kind.INTAKE, "intake", settings.getString("intake"));
        String clearance = settings.getString("clearance") == null ? null
                : seal.open(PersonSeal.Kind.CLEARANCE, "clearance", settings.getString("clearance"));
        String programme = settings.getString("programme") == null ? null
                : seal.open(PersonSeal.Kind.PROGRAMME, "programme", settings.getString("programme"));
        NextSession.Enrolment enrolment = null;
        if (programme != null) {
            String[] f = programme.split("\t");
            enrolment = new NextSession.Enrolment(f[0], java.time.Instant.parse(f[1]), LocalDate.parse(f[2]), Integer.parseInt(f[3]));
        }
        return new Screening(intake == null ? null : IntakeJson.intake(intake), clearance == null ? null : IntakeJson.clearance(clearance),
                enrolment);
    }

    public void removePause(String user, String id) {
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.unset("pause." + id), Revisions.settingsChanged()));
    }

    /** The settings document alone, for a pause's changes. */
    public Pauses pauses(String user) {
        return pauses(store.projection().find(Filters.eq("_id", ProjectionIds.settings(user))).first(), seals.forReading(user));
    }

    static Pauses pauses(Document settings, PersonSeal seal) {
        Document pauses = settings == null ? null : settings.get("pause", Document.class);
        if (pauses == null || pauses.isEmpty()) {
            return Pauses.none();
        }
        List<Pause> all = new ArrayList<>();
        pauses.forEach((id, value) -> {
            if (value instanceof Document p) { // written before settings were sealed
                all.add(new Pause(id, LocalDate.parse(p.getString("from")), LocalDate.parse(p.getString("to")), p.getString("reason")));
                return;
            }
            String opened = seal.open(PersonSeal.Kind.PAUSE, id, (String) value);
            if (opened != null) {
                String[] f = opened.split("\t", -1);
                all.add(new Pause(id, LocalDate.parse(f[0]), LocalDate.parse(f[1]), f[2].isEmpty() ? null : f[2]));
            }
        });
        return new Pauses(all);
    }

    static WeeklyGoal goal(Document settings, PersonSeal seal) {
        return new WeeklyGoal(goalChanges(settings, seal));
    }

    /** The weekly goal's changes: the week each applies from, and its days; earliest first. */
    static Map<IsoWeek, Integer> goalChanges(Document settings, PersonSeal seal) {
        Map<IsoWeek, Integer> changes = new TreeMap<>();
        Document goal = settings == null ? null : settings.get("goal", Document.class);
        if (goal != null) {
            goal.forEach((week, days) -> {
                if (days instanceof Number n) { // written before settings were sealed
                    changes.put(IsoWeek.parse(week), n.intValue());
                    return;
                }
                String opened = seal.open(PersonSeal.Kind.GOAL, week, (String) days);
                if (opened != null) {
                    changes.put(IsoWeek.parse(week), Integer.parseInt(opened));
                }
            });
        }
        return changes;
    }

    /** Copies the goals of the layout before generations ({@code goals}: one document per person). */
    public int importGoals(Iterable<Document> oldGoals) {
        int n = 0;
        for (Document d : oldGoals) {
            Document changes = d.get("changes", Document.class);
            if (changes != null && !changes.isEmpty()) {
                PersonSeal seal = seals.forWriting(d.getString("_id"));
                var sets = changes.entrySet().stream().map(e -> Updates.set("goal." + e.getKey(),
                        sealGoal(seal, e.getKey(), ((Number) e.getValue()).intValue()))).toList();
                store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(d.getString("_id"))),
                        Updates.combine(sets), new UpdateOptions().upsert(true));
                n++;
            }
        }
        return n;
    }
}

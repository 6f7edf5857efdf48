package dev.sukha.insights.usecase;

import dev.sukha.insights.config.InsightsConfig;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.PracticeDay;
import dev.sukha.insights.domain.Reminder;
import dev.sukha.insights.domain.ReminderSchedule;
import dev.sukha.insights.store.People;
import dev.sukha.insights.store.ProjectionReader;
import dev.sukha.insights.store.ReminderPlans;
import dev.sukha.platform.problem.Problem;
import dev.sukha.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reminders: kept with the person's settings, and pushed when due by whichever instance claims them first. The
 * schedule is in the store (each reminder's next due moment), so it survives a restart and is shared by every
 * instance; a claim moves a reminder on only if it is still due at the moment the instance saw, so one instance
 * pushes it and no other (and a day reminded is never due again).
 */
@ApplicationScoped
public class Reminders {

    /** What a reminder says: no health data (the push service cannot read it anyway). A tap opens the week. */
    static final String PAYLOAD = "{\"title\":\"Time to practise\",\"body\":\"Today's session is ready when you are.\","
            + "\"url\":\"/#/week\",\"tag\":\"sukha-reminder\"}";
    /** Reminders a sweep takes at most; the rest wait for the next one, seconds later. */
    static final int SWEEP_LIMIT = 500;

    private final ReminderPlans plans;
    private final People people;
    private final ProjectionReader reader;
    private final PushService push;
    private final MeterRegistry metrics;
    private final java.time.Duration sweepEvery;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timer;

    public Reminders(ReminderPlans plans, People people, ProjectionReader reader, PushService push, MeterRegistry metrics,
                     InsightsConfig config) {
        this.plans = plans;
        this.people = people;
        this.reader = reader;
        this.push = push;
        this.metrics = metrics;
        this.sweepEvery = config.reminders().sweepEvery();
    }

    /** The reminder kept, with its next due moment. */
    public record Kept(Reminder reminder, Instant next) {
    }

    /** A push subscription as the browser gives it ({@code PushSubscription.toJSON()}). */
    public record SubscriptionAnswers(String endpoint, java.util.Map<String, String> keys) {
    }

    /** A reminder as on the wire, for the API and the export. */
    public record ReminderAnswers(List<String> days, String time, String zone, SubscriptionAnswers subscription) {

        public static ReminderAnswers of(Reminder r) {
            return r == null ? null : new ReminderAnswers(r.days().stream().map(Enum::name).toList(), r.time().toString(), r.zone().getId(),
                    new SubscriptionAnswers(r.subscription().endpoint(),
                            java.util.Map.of("p256dh", r.subscription().p256dh(), "auth", r.subscription().auth())));
        }
    }

    public String publicKey() {
        return push.publicKey();
    }

    public Optional<Kept> read(String user) {
        return plans.read(user).map(k -> new Kept(k.reminder(), k.remindAt()));
    }

    /** Keeps the reminder in place of the one before, after checking every field; due next from now. */
    public Kept put(String user, Reminder.Form form) {
        Reminder.Checked checked = Reminder.check(form, ZoneId.getAvailableZoneIds());
        if (!checked.errors().isEmpty()) {
            throw new ProblemException(Problem.invalid(422, "The reminder cannot be kept as sent; nothing was changed.",
                    checked.errors().stream().map(e -> new Problem.Error(e.field(), e.message())).toList()));
        }
        Reminder r = checked.reminder();
        // A day already reminded stays reminded: moving the time later that day does not remind twice.
        LocalDate remindedOn = plans.read(user).map(ReminderPlans.Kept::remindedOn).orElse(null);
        Instant next = ReminderSchedule.next(r.days(), r.time(), r.zone(), clock.instant(), remindedOn).orElseThrow();
        plans.put(user, r, next);
        return new Kept(r, next);
    }

    public void remove(String user) {
        plans.remove(user);
    }

    /** Pushes every reminder due at {@code now} that this instance claims; how many were pushed. */
    public int sendDue(Instant now) {
        return send(due(now), now);
    }

    /** What a sweep sees due at {@code now}: another instance may see the same and claim it first. */
    public List<ReminderPlans.Due> due(Instant now) {
        return plans.due(now, SWEEP_LIMIT);
    }

    /** Claims and pushes each reminder seen due; how many were pushed. */
    public int send(List<ReminderPlans.Due> seen, Instant now) {
        int pushed = 0;
        for (ReminderPlans.Due due : seen) {
            try {
                pushed += send(due, now) ? 1 : 0;
            } catch (RuntimeException e) {
                // No endpoint or payload in the log: the person's id and what failed.
                Log.warnf("The reminder of %s could not be pushed (%s)", due.user(), e.getClass().getSimpleName());
                count("failed");
            }
        }
        return pushed;
    }

    private boolean send(ReminderPlans.Due due, Instant now) {
        Optional<ReminderPlans.Kept> kept = due.kept();
        if (kept.isEmpty()) {
            // Its seal no longer opens (erased meanwhile): due never again.
            plans.claim(due, null, now.atZone(ZoneId.of("UTC")).toLocalDate());
            return false;
        }
        Reminder r = kept.get().reminder();
        LocalDate day = ReminderSchedule.day(due.remindAt(), r.zone());
        Instant next = ReminderSchedule.next(r.days(), r.time(), r.zone(), due.remindAt().isAfter(now) ? due.remindAt() : now, day)
                .orElse(null);
        if (!plans.claim(due, next, day)) {
            return false; // another instance took it
        }
        ReminderSchedule.Decision decision = ReminderSchedule.decide(due.remindAt(), now, practised(due.user(), day), paused(due.user(), day));
        if (decision != ReminderSchedule.Decision.SEND) {
            count(decision.name().toLowerCase());
            return false;
        }
        if (push.push(r.subscription(), PAYLOAD) == PushService.Outcome.GONE) {
            plans.removeIfSubscribed(due.user(), r);
            count("gone");
            return false;
        }
        count("pushed");
        return true;
    }

    private boolean practised(String user, LocalDate day) {
        return PracticeDay.days(reader.sessionsOf(user, List.of(IsoWeek.of(day)))).contains(day);
    }

    private boolean paused(String user, LocalDate day) {
        return people.pauses(user).all().stream().anyMatch(p -> p.covers(day));
    }

    private void count(String outcome) {
        metrics.counter("sukha.reminders", "outcome", outcome).increment();
    }

    void start(@Observes StartupEvent event) {
        try {
            plans.ensureIndex();
        } catch (RuntimeException e) {
            Log.warnf("Could not create the reminders' index (%s)", e.getMessage());
        }
        if (sweepEvery.isZero()) {
            return; // tests push by calling sendDue with a clock of their own
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reminders");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sendDue(clock.instant());
            } catch (RuntimeException e) {
                Log.warnf("The reminders' sweep failed (%s); next time", e.getMessage());
            }
        }, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}

package dev.sukha.insights.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.sukha.insights.domain.Reminder;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A person's reminder, in their settings document (so an erasure, an export and a restore treat it as the rest of
 * what they set): {@code reminder} sealed under their key — days, time, zone and the push subscription — and, clear
 * because the store must query them, {@code remindAt} (the next due moment) and {@code remindedOn} (the local day the
 * last one was due). Not part of the figures: no change here raises the settings' revision.
 */
@ApplicationScoped
public class ReminderPlans {

    private static final String SLOT = "reminder";

    /** Forgets the reminder, its schedule with it. */
    private static final org.bson.conversions.Bson FORGET = Updates.combine(Updates.unset(SLOT), Updates.unset("remindAt"),
            Updates.unset("remindedOn"));

    private final Store store;
    private final PersonSeals seals;

    public ReminderPlans(Store store, PersonSeals seals) {
        this.store = store;
        this.seals = seals;
    }

    /** The sweep's query: due moments, only on settings documents that have one. */
    public void ensureIndex() {
        store.projection().createIndex(Indexes.ascending("remindAt"), new IndexOptions().sparse(true).name("remindAt"));
    }

    /** A reminder kept, its next due moment, and the day the last one was due (null: none yet). */
    public record Kept(Reminder reminder, Instant remindAt, LocalDate remindedOn) {
    }

    /**
     * A reminder due: whose, the due moment seen (the claim is conditional on it), and the reminder as read with it
     * (empty when its seal no longer opens: erased meanwhile).
     */
    public record Due(String user, Instant remindAt, Optional<Kept> kept) {
    }

    public void put(String user, Reminder reminder, Instant remindAt) {
        String sealed = seals.forWriting(user).seal(PersonSeal.Kind.REMINDER, SLOT, json(reminder));
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)),
                Updates.combine(Updates.set(SLOT, sealed), Updates.set("remindAt", Date.from(remindAt))), new UpdateOptions().upsert(true));
    }

    public Optional<Kept> read(String user) {
        Document d = store.projection().find(Filters.eq("_id", ProjectionIds.settings(user)))
                .projection(Projections.include(SLOT, "remindAt", "remindedOn")).first();
        return kept(d, seals.forReading(user));
    }

    static Optional<Kept> kept(Document settings, PersonSeal seal) {
        if (settings == null || settings.getString(SLOT) == null) {
            return Optional.empty();
        }
        String opened = seal.open(PersonSeal.Kind.REMINDER, SLOT, settings.getString(SLOT));
        if (opened == null) {
            return Optional.empty();
        }
        Date at = settings.getDate("remindAt");
        String on = settings.getString("remindedOn");
        return Optional.of(new Kept(reminder(opened), at == null ? null : at.toInstant(), on == null ? null : LocalDate.parse(on)));
    }

    public void remove(String user) {
        store.projection().updateOne(Filters.eq("_id", ProjectionIds.settings(user)), FORGET);
    }

    /**
     * Removes the reminder only if it still has the subscription the push service reported gone: a person who
     * subscribed again meanwhile keeps the new one.
     */
    public boolean removeIfSubscribed(String user, Reminder gone) {
        String sealed = seals.forWriting(user).seal(PersonSeal.Kind.REMINDER, SLOT, json(gone));
        return store.projection().updateOne(Filters.and(Filters.eq("_id", ProjectionIds.settings(user)), Filters.eq(SLOT, sealed)),
                FORGET).getModifiedCount() > 0;
    }

    /** Reminders due at {@code now}, earliest first. */
    public List<Due> due(Instant now, int limit) {
        List<Due> due = new ArrayList<>();
        for (Document d : store.projection().find(Filters.lte("remindAt", Date.from(now)))
                .projection(Projections.include(SLOT, "remindAt", "remindedOn")).sort(Indexes.ascending("remindAt")).limit(limit)) {
            String user = ProjectionIds.userOf(d.getString("_id"));
            if (user != null) {
                due.add(new Due(user, d.getDate("remindAt").toInstant(), kept(d, seals.forReading(user))));
            }
        }
        return due;
    }

    /**
     * Takes a due reminder for this instance: moves it on to {@code next} (none: the reminder stays, due never) and marks
     * {@code day} reminded, if it is still due at the moment seen. One instance wins; every other finds it moved on.
     */
    public boolean claim(Due due, Instant next, LocalDate day) {
        var move = next == null ? Updates.unset("remindAt") : Updates.set("remindAt", Date.from(next));
        return store.projection().updateOne(Filters.and(Filters.eq("_id", ProjectionIds.settings(due.user())),
                        Filters.eq("remindAt", Date.from(due.remindAt()))),
                Updates.combine(move, Updates.set("remindedOn", day.toString()))).getModifiedCount() == 1;
    }

    static String json(Reminder r) {
        ObjectNode n = StoredJson.JSON.createObjectNode();
        var days = n.putArray("days");
        r.days().forEach(d -> days.add(d.name()));
        n.put("time", r.time().toString());
        n.put("zone", r.zone().getId());
        n.put("endpoint", r.subscription().endpoint());
        n.put("p256dh", r.subscription().p256dh());
        n.put("auth", r.subscription().auth());
        return StoredJson.write(n);
    }

    static Reminder reminder(String json) {
        var n = StoredJson.read(json);
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        n.get("days").forEach(d -> days.add(DayOfWeek.valueOf(d.asText())));
        return new Reminder(days, LocalTime.parse(n.get("time").asText()), ZoneId.of(n.get("zone").asText()),
                new Reminder.Subscription(n.get("endpoint").asText(), n.get("p256dh").asText(), n.get("auth").asText()));
    }
}

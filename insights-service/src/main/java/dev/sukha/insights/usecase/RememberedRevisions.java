package dev.sukha.insights.usecase;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sukha.insights.config.InsightsConfig;
import dev.sukha.insights.store.Revisions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * People's revisions ({@link Revisions}) as this instance last read them, so that a conditional read
 * whose tag still holds is answered without a round trip to the store. What is remembered is
 * forgotten when {@code figure-changes} says so (the person; {@code *}: everyone), and is used only
 * while this instance hears that topic up to the last moment ({@link ChangeWatermark}); otherwise
 * every read goes to the store, as if nothing were remembered.
 * <p>
 * A person's numbers are loaded under Caffeine's per-key computation: a change heard while they are
 * being read waits for the read and then forgets it, so an old read never outlives the change. A
 * forget-everything raises an era; what was read in an older era is not used.
 */
@ApplicationScoped
public class RememberedRevisions {

    private record Remembered(Revisions.Snapshot snapshot, long era, long readAtMillis) {
    }

    private final Function<String, Revisions.Snapshot> person;
    private final LongSupplier catalogue;
    private final Function<String, Revisions.Snapshot> both;
    private final Cache<String, Remembered> people;
    private final ChangeWatermark watermark;
    private final long forMillis;
    private final LongSupplier clock;
    private final AtomicLong era = new AtomicLong();
    private volatile Remembered catalogueRev;
    private Counter fromMemory;
    private Counter fromStore;

    @Inject
    public RememberedRevisions(Revisions revisions, InsightsConfig config, MeterRegistry metrics) {
        this(u -> revisions.snapshot(u, false), revisions::catalogue, u -> revisions.snapshot(u, true),
                config.changes().remember(), config.changes().rememberFor().toMillis(),
                new ChangeWatermark(config.changes().trustWithin().toMillis()), System::currentTimeMillis);
        Gauge.builder("sukha_insights_remembered_people", people, Cache::estimatedSize)
                .description("People whose revisions this instance remembers for conditional reads").register(metrics);
        Gauge.builder("sukha_insights_remembered_trusted", this, r -> r.trusted() ? 1 : 0)
                .description("1 while this instance hears figure-changes up to the moment (remembered revisions are used)")
                .register(metrics);
        fromMemory = readFrom("memory", metrics);
        fromStore = readFrom("store", metrics);
    }

    private static Counter readFrom(String where, MeterRegistry metrics) {
        return Counter.builder("sukha_insights_revisions_read").tag("from", where)
                .description("A person's revisions asked for (conditional reads, streams), by where they came from").register(metrics);
    }

    /**
     * @param person   a person's numbers without the catalogue's, from the store
     * @param catalogue the catalogue's number, from the store
     * @param both     a person's and the catalogue's, in one read (when nothing remembered may be used)
     */
    public RememberedRevisions(Function<String, Revisions.Snapshot> person, LongSupplier catalogue,
                               Function<String, Revisions.Snapshot> both, long remember, long forMillis,
                               ChangeWatermark watermark, LongSupplier clock) {
        this.person = person;
        this.catalogue = catalogue;
        this.both = both;
        this.people = Caffeine.newBuilder().maximumSize(remember).build();
        this.forMillis = forMillis;
        this.watermark = watermark;
        this.clock = clock;
    }

    /** The person's numbers, and the catalogue's when {@code withCatalogue}: remembered when that may be trusted. */
    public Revisions.Snapshot snapshot(String user, boolean withCatalogue) {
        long now = clock.getAsLong();
        if (!watermark.trusted(now)) {
            count(fromStore);
            return withCatalogue ? both.apply(user) : person.apply(user);
        }
        Remembered mine = people.getIfPresent(user);
        if (mine != null && !current(mine, now)) {
            people.asMap().remove(user, mine);
            mine = null;
        }
        count(mine == null ? fromStore : fromMemory);
        if (mine == null) {
            mine = people.get(user, this::read);
        }
        Revisions.Snapshot s = mine.snapshot;
        if (!withCatalogue) {
            return s;
        }
        Remembered c = catalogueRev;
        if (c == null || !current(c, now)) {
            long readIn = era.get();
            c = new Remembered(new Revisions.Snapshot(null, 0, 0, catalogue.getAsLong()), readIn, now);
            catalogueRev = c;
        }
        return new Revisions.Snapshot(s.epoch(), s.figures(), s.settings(), c.snapshot.catalogue());
    }

    /** Read since everyone was last forgotten, and not too long ago. */
    private boolean current(Remembered r, long now) {
        return r.era == era.get() && now - r.readAtMillis < forMillis;
    }

    private static void count(Counter c) {
        if (c != null) {
            c.increment();
        }
    }

    private Remembered read(String user) {
        // The era and the time before the read: a forget-everything during it leaves this read unused,
        // and its age counts from before it.
        long readIn = era.get();
        long at = clock.getAsLong();
        return new Remembered(person.apply(user), readIn, at);
    }

    /** This person's figures or settings changed. */
    public void forget(String user) {
        people.invalidate(user);
    }

    /** Everyone's may have (a rebuild's switch, the catalogue, an untold change, a gap in what was heard). */
    public void forgetAll() {
        era.incrementAndGet();
        catalogueRev = null;
        people.invalidateAll();
    }

    /** Whether remembered numbers may answer now. */
    public boolean trusted() {
        return watermark.trusted(clock.getAsLong());
    }

    /** The probes that say how far this instance has heard ({@link ChangeWatermark}). */
    public ChangeWatermark watermark() {
        return watermark;
    }
}

package dev.sukha.insights.store;

import dev.sukha.platform.sealing.SealedValues;

import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * How the projection seals, and opens, what it keeps of one person: every event line, session context,
 * session's facts, history, goal and pause is sealed under their key ({@link SealedValues}), bound to
 * its place — the person, what it is, and which session, week, year or pause it belongs to — so a value
 * moved anywhere else opens nothing. Only what the store must look up stays clear: {@code _id}s, the
 * field names that are session ids, weeks and years, revisions, the week an early event waits for.
 * <p>
 * A value written before the projection was sealed (plain) reads as it is, until the migration seals it.
 * A value that does not open — sealed under a key erased since, a leftover the erasure is deleting —
 * opens to {@code null}, and the reader passes over it.
 */
public final class PersonSeal {

    /** What a sealed value is: part of its place. */
    public enum Kind {
        EVENT("e"), CONTEXT("c"), FACTS("f"), WEEK("w"), YEAR_CORE("y"), YEAR_ALERTS("a"), YEAR_COUNTS("k"), GOAL("g"), PAUSE("p"), INTAKE("i"), CLEARANCE("l"), PROGRAMME("m"), REMINDER("r");

        final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    /** Sealed values opened by reads and writes, and the time it took (the bench reports both per read). */
    static final LongAdder OPENED = new LongAdder();
    static final LongAdder OPEN_NANOS = new LongAdder();

    private final String user;
    private final Supplier<Optional<SealedValues>> fresh;
    private SealedValues values;
    private boolean refreshed;

    private PersonSeal(String user, SealedValues values, Supplier<Optional<SealedValues>> fresh) {
        this.user = user;
        this.values = values;
        this.fresh = fresh;
    }

    /** With the person's live key, as a consumed batch or a change of settings has it. */
    public static PersonSeal of(String user, SealedValues values) {
        return new PersonSeal(user, values, Optional::empty);
    }

    /**
     * For a read: {@code remembered} is the key a cache had (null: none known), {@code fresh} reads the key
     * from the store, once, when a value does not open with it.
     */
    static PersonSeal forReading(String user, SealedValues remembered, Supplier<Optional<SealedValues>> fresh) {
        return new PersonSeal(user, remembered, fresh);
    }

    String place(Kind kind, String slot) {
        return "projection|" + user + "|" + kind.code + "|" + slot;
    }

    /** False for a person with no live key (erased meanwhile): nothing of theirs may be written. */
    public boolean canSeal() {
        return values != null;
    }

    /** {@code value} sealed for its place; the same text for the same value there. */
    public String seal(Kind kind, String slot, String value) {
        if (values == null) {
            throw new IllegalStateException("no key to seal with");
        }
        return values.seal(place(kind, slot), value);
    }

    /** The value in its place, opened; a plain one as it is; null when it does not open with the person's key. */
    public String open(Kind kind, String slot, String stored) {
        if (stored == null || !SealedValues.isSealed(stored)) {
            return stored;
        }
        String place = place(kind, slot);
        if (values != null) {
            long t0 = System.nanoTime();
            try {
                String opened = values.open(place, stored);
                OPEN_NANOS.add(System.nanoTime() - t0);
                OPENED.increment();
                return opened;
            } catch (GeneralSecurityException e) {
                // not this key: perhaps a newer one than was remembered
            }
        }
        if (refreshed) {
            return null;
        }
        refreshed = true;
        values = fresh.get().orElse(null);
        return values == null ? null : open(kind, slot, stored);
    }

    public String user() {
        return user;
    }
}

package dev.sukha.insights.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A set of local dates kept as bits, one per day from an origin that is a multiple of 64
 * epoch days: ten years of daily practice is 3,650 bits (457 bytes), sets are joined word
 * by word, and a streak is walked over bits, not objects. Immutable.
 */
public final class PracticeDays {

    private static final PracticeDays EMPTY = new PracticeDays(0, new long[0]);

    /** Epoch day of bit 0 of word 0; always a multiple of 64. */
    private final long origin;
    private final long[] words;

    private PracticeDays(long origin, long[] words) {
        this.origin = origin;
        this.words = words;
    }

    public static PracticeDays empty() {
        return EMPTY;
    }

    public static PracticeDays of(Collection<LocalDate> dates) {
        if (dates.isEmpty()) {
            return EMPTY;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (LocalDate d : dates) {
            min = Math.min(min, d.toEpochDay());
            max = Math.max(max, d.toEpochDay());
        }
        long origin = Math.floorDiv(min, 64) * 64;
        long[] words = new long[Math.toIntExact((max - origin) / 64 + 1)];
        for (LocalDate d : dates) {
            long i = d.toEpochDay() - origin;
            words[(int) (i >>> 6)] |= 1L << (i & 63);
        }
        return new PracticeDays(origin, words);
    }

    public static PracticeDays of(LocalDate... dates) {
        return of(List.of(dates));
    }

    /** Every day from {@code from} to {@code to}, both included (empty when {@code to} is before {@code from}). */
    public static PracticeDays range(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return EMPTY;
        }
        long origin = Math.floorDiv(from.toEpochDay(), 64) * 64;
        long[] words = new long[Math.toIntExact((to.toEpochDay() - origin) / 64 + 1)];
        for (long i = from.toEpochDay() - origin; i <= to.toEpochDay() - origin; i++) {
            words[(int) (i >>> 6)] |= 1L << (i & 63);
        }
        return new PracticeDays(origin, words);
    }

    /** The days of this set that are not in {@code other}. */
    public PracticeDays minus(PracticeDays other) {
        if (isEmpty() || other.isEmpty()) {
            return this;
        }
        long[] out = words.clone();
        for (int i = 0; i < out.length; i++) {
            long day = origin + 64L * i;
            long j = (day - other.origin) / 64;
            if (j >= 0 && j < other.words.length) {
                out[i] &= ~other.words[(int) j];
            }
        }
        return trimmed(origin, out);
    }

    /** Rebuilds a set from {@link #origin()} and {@link #toBytes()}. */
    public static PracticeDays fromBytes(long origin, byte[] bytes) {
        if (Math.floorMod(origin, 64) != 0) {
            throw new IllegalArgumentException("origin must be a multiple of 64: " + origin);
        }
        long[] words = new long[(bytes.length + 7) / 8];
        for (int i = 0; i < bytes.length; i++) {
            words[i / 8] |= (bytes[i] & 0xFFL) << (8 * (i % 8));
        }
        return trimmed(origin, words);
    }

    public static PracticeDays union(Collection<PracticeDays> parts) {
        long origin = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (PracticeDays p : parts) {
            if (!p.isEmpty()) {
                origin = Math.min(origin, p.origin);
                end = Math.max(end, p.origin + 64L * p.words.length);
            }
        }
        if (origin == Long.MAX_VALUE) {
            return EMPTY;
        }
        long[] words = new long[Math.toIntExact((end - origin) / 64)];
        for (PracticeDays p : parts) {
            int shift = Math.toIntExact((p.origin - origin) / 64);
            for (int i = 0; i < p.words.length; i++) {
                words[i + shift] |= p.words[i];
            }
        }
        return trimmed(origin, words);
    }

    private static PracticeDays trimmed(long origin, long[] words) {
        int first = 0;
        while (first < words.length && words[first] == 0) {
            first++;
        }
        int last = words.length;
        while (last > first && words[last - 1] == 0) {
            last--;
        }
        return first == last ? EMPTY : new PracticeDays(origin + 64L * first, Arrays.copyOfRange(words, first, last));
    }

    public long origin() {
        return origin;
    }

    /** The bits, little-endian, without trailing zero bytes. */
    public byte[] toBytes() {
        byte[] bytes = new byte[words.length * 8];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (words[i / 8] >>> (8 * (i % 8)));
        }
        int n = bytes.length;
        while (n > 0 && bytes[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(bytes, n);
    }

    public boolean isEmpty() {
        return words.length == 0;
    }

    public int size() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    private boolean bit(long i) {
        return i >= 0 && i < 64L * words.length && (words[(int) (i >>> 6)] & (1L << (i & 63))) != 0;
    }

    public boolean contains(LocalDate date) {
        return bit(date.toEpochDay() - origin);
    }

    public Optional<LocalDate> first() {
        return isEmpty() ? Optional.empty() : Optional.of(day(Long.numberOfTrailingZeros(words[0])));
    }

    public Optional<LocalDate> last() {
        if (isEmpty()) {
            return Optional.empty();
        }
        int w = words.length - 1;
        return Optional.of(day(64L * w + 63 - Long.numberOfLeadingZeros(words[w])));
    }

    /** The latest day on or before {@code date}. */
    public Optional<LocalDate> lastOnOrBefore(LocalDate date) {
        long i = Math.min(date.toEpochDay() - origin, 64L * words.length - 1);
        if (i < 0) {
            return Optional.empty();
        }
        int w = (int) (i >>> 6);
        long word = words[w] & (-1L >>> (63 - (i & 63)));
        while (true) {
            if (word != 0) {
                return Optional.of(day(64L * w + 63 - Long.numberOfLeadingZeros(word)));
            }
            if (--w < 0) {
                return Optional.empty();
            }
            word = words[w];
        }
    }

    /** How many days from {@code from} to {@code to}, both included. */
    public int countBetween(LocalDate from, LocalDate to) {
        return countBetween(from.toEpochDay(), to.toEpochDay());
    }

    /** The days from epoch day {@code from} to {@code to}, both included. */
    int countBetween(long from, long to) {
        long a = Math.max(0, from - origin);
        long b = Math.min(64L * words.length - 1, to - origin);
        int n = 0;
        for (long i = a; i <= b; i++) {
            if (bit(i)) {
                n++;
            }
        }
        return n;
    }

    /** The days from {@code from} to {@code to}, both included, in order. */
    public List<LocalDate> between(LocalDate from, LocalDate to) {
        List<LocalDate> out = new ArrayList<>();
        long a = Math.max(0, from.toEpochDay() - origin);
        long b = Math.min(64L * words.length - 1, to.toEpochDay() - origin);
        for (long i = a; i <= b; i++) {
            if (bit(i)) {
                out.add(day(i));
            }
        }
        return out;
    }

    /** Every day, in order. */
    public List<LocalDate> all() {
        return isEmpty() ? List.of() : between(first().orElseThrow(), last().orElseThrow());
    }

    /** The longest run of consecutive days. */
    public int longestRun() {
        int longest = 0;
        int run = 0;
        for (long w : words) {
            if (w == -1L) {
                run += 64;
                continue;
            }
            for (int b = 0; b < 64; b++) {
                if ((w & (1L << b)) != 0) {
                    run++;
                } else {
                    longest = Math.max(longest, run);
                    run = 0;
                }
            }
        }
        return Math.max(longest, run);
    }

    /**
     * The longest run of consecutive days of this set ∪ {@code bridges}, counted in days of
     * this set only: a paused day neither counts nor breaks.
     */
    public int longestRun(PracticeDays bridges) {
        if (bridges.isEmpty()) {
            return longestRun();
        }
        PracticeDays all = union(List.of(this, bridges));
        int longest = 0;
        int run = 0;
        for (long i = 0; i < 64L * all.words.length; i++) {
            if (!all.bit(i)) {
                run = 0;
            } else if (contains(all.day(i))) {
                longest = Math.max(longest, ++run);
            }
        }
        return longest;
    }

    /**
     * The days of this set in the run of this set ∪ {@code bridges} that ends on {@code day}
     * (0 when {@code day} is in neither).
     */
    public int runEndingOn(LocalDate day, PracticeDays bridges) {
        if (bridges.isEmpty()) {
            return runEndingOn(day);
        }
        // By epoch day, not LocalDate: a ten-year run is 3,650 steps on every streak read.
        int run = 0;
        for (long d = day.toEpochDay(); bit(d - origin) || bridges.bit(d - bridges.origin); d--) {
            if (bit(d - origin)) {
                run++;
            }
        }
        return run;
    }

    /** The run of consecutive days ending on {@code day} (0 when it is not a day of the set). */
    public int runEndingOn(LocalDate day) {
        long i = day.toEpochDay() - origin;
        int run = 0;
        while (bit(i)) {
            run++;
            i--;
        }
        return run;
    }

    private LocalDate day(long bit) {
        return LocalDate.ofEpochDay(origin + bit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PracticeDays other && origin == other.origin && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(origin) * 31 + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return all().toString();
    }
}

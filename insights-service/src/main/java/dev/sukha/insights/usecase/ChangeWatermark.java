package dev.sukha.insights.usecase;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How far this instance has heard {@code figure-changes}, from probes it sends itself: every few
 * hundred milliseconds a numbered probe to each partition it reads. A partition is read in order, so
 * hearing a probe sent at {@code t} means every change appended before it was heard too. What this
 * instance remembers of people's revisions may answer for the store only while every partition's
 * last probe is recent ({@link #trusted}); a probe heard after a gap in the numbers means records
 * were skipped (an offset reset), and whatever was remembered must go.
 * <p>
 * Pure: times and numbers come from the caller.
 */
public final class ChangeWatermark {

    private final long withinMillis;
    private Set<Integer> partitions = Set.of();
    private final Map<Integer, Long> lastNumber = new HashMap<>();
    private final Map<Integer, Long> lastSentAt = new HashMap<>();
    /** Read on every conditional request: one volatile read, no lock. */
    private volatile long trustedUntil = Long.MIN_VALUE;

    public ChangeWatermark(long withinMillis) {
        this.withinMillis = withinMillis;
    }

    /** The partitions this instance reads now; true when they changed (what was heard no longer says anything). */
    public synchronized boolean assigned(Set<Integer> now) {
        if (now.equals(partitions)) {
            return false;
        }
        partitions = Set.copyOf(now);
        lastNumber.clear();
        lastSentAt.clear();
        trustedUntil = Long.MIN_VALUE;
        return true;
    }

    /**
     * Probe {@code number}, sent at {@code sentAtMillis}, was heard on {@code partition}. False when
     * the one before it was not heard: records in between were skipped, changes among them perhaps.
     */
    public synchronized boolean heard(int partition, long number, long sentAtMillis) {
        if (!partitions.contains(partition)) {
            return true;
        }
        Long before = lastNumber.get(partition);
        if (before != null && number <= before) {
            // Heard again (a redelivery after a rejoin): says nothing new.
            return true;
        }
        boolean continuous = before == null || number == before + 1;
        lastNumber.put(partition, number);
        lastSentAt.put(partition, sentAtMillis);
        long oldest = Long.MAX_VALUE;
        for (Integer p : partitions) {
            Long at = lastSentAt.get(p);
            if (at == null) {
                trustedUntil = Long.MIN_VALUE;
                return continuous;
            }
            oldest = Math.min(oldest, at);
        }
        trustedUntil = oldest + withinMillis;
        return continuous;
    }

    /** Whether every change sent more than the allowed moment before {@code nowMillis} has been heard. */
    public boolean trusted(long nowMillis) {
        return nowMillis < trustedUntil;
    }
}

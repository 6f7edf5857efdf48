package dev.sukha.insights.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A practice day is a local date with at least one counted session. A session counts
 * when completed, or when abandoned after at least half of its steps were completed
 * (skipped steps do not count towards that half).
 */
public final class PracticeDay {

    private PracticeDay() {
    }

    public static boolean counts(SessionFacts s) {
        if (!s.started() || s.end() == null) {
            return false;
        }
        if (s.end().equals(SessionFacts.COMPLETED)) {
            return true;
        }
        // "At least half": 2 completed of 4 counts, 2 of 5 does not (2 * 2 < 5).
        return s.end().equals(SessionFacts.ABANDONED) && s.stepCount() > 0
                && 2L * s.completedSteps().size() >= s.stepCount();
    }

    public static SortedSet<LocalDate> days(Collection<SessionFacts> sessions) {
        SortedSet<LocalDate> days = new TreeSet<>();
        for (SessionFacts s : sessions) {
            if (counts(s)) {
                days.add(s.localDate());
            }
        }
        return days;
    }
}

package dev.sukha.insights.domain;

import java.time.Duration;
import java.util.Collection;

/**
 * A session lasts from its start to its end, capped at 3 hours; an unended session
 * counts nothing. A period's minutes are its total seconds / 60, rounded to nearest.
 */
public final class Minutes {

    public static final Duration CAP = Duration.ofHours(3);

    private Minutes() {
    }

    public static long seconds(SessionFacts s) {
        if (!s.started() || s.end() == null || s.endedAt() == null) {
            return 0;
        }
        Duration d = Duration.between(s.startInstant(), s.endedAt().toInstant());
        if (d.isNegative()) {
            return 0;
        }
        return Math.min(d.getSeconds(), CAP.getSeconds());
    }

    public static long of(Collection<SessionFacts> sessions) {
        long total = sessions.stream().mapToLong(Minutes::seconds).sum();
        return Math.round(total / 60.0);
    }
}

package dev.sukha.system;

import java.time.LocalTime;
import java.time.ZoneId;

/** Zones for tests whose sessions start minutes ago and must fall on today's date. */
final class Zones {

    private Zones() {
    }

    /**
     * {@code preferred}, or {@code otherwise} while it is within an hour of midnight in
     * {@code preferred}: a session started 20 minutes ago at 00:05 lies on yesterday's date
     * (two tests failed CI that way at 00:05 UTC). Pick {@code otherwise} hours away.
     */
    static ZoneId awayFromMidnight(ZoneId preferred, ZoneId otherwise) {
        int hour = LocalTime.now(preferred).getHour();
        return hour >= 1 && hour < 23 ? preferred : otherwise;
    }
}

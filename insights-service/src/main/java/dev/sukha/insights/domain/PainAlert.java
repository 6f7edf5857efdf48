package dev.sukha.insights.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@code PAIN_WORSENING} safety alert, on the overall pain values:
 * <ul>
 * <li>pain after exceeded pain before by 2 or more in at least 2 of the last 3
 * sessions that have both; or</li>
 * <li>over the four most recent ISO weeks that have such sessions, when they are
 * consecutive, the weekly mean before-pain rose three times in a row.</li>
 * </ul>
 * It needs only the last three sessions with both ratings and the last four weeks
 * that have such sessions, which a person's {@link History} keeps.
 */
public record PainAlert(String type, LocalDate since, String reason, String advice, String pose) {

    /** An alert about pain overall, which names no pose. */
    public PainAlert(String type, LocalDate since, String reason, String advice) {
        this(type, since, reason, advice, null);
    }

    public static final String PAIN_WORSENING = "PAIN_WORSENING";
    static final String ADVICE = "Pain that keeps getting worse deserves a look from a doctor or physiotherapist. "
            + "Until then, choose gentler options, shorten your practice, and stop any pose that hurts.";

    /** A session with both ratings: when it started, its local date and its relief (exact). */
    public record SessionPain(Instant start, String sessionId, LocalDate date, long reliefX) {
        static final Comparator<SessionPain> ORDER =
                Comparator.comparing(SessionPain::start).thenComparing(SessionPain::sessionId);

        boolean worseByTwo() {
            return new Relief(reliefX, 0).worseByTwo();
        }
    }

    /** A week with sessions that have both ratings: how many, and their summed before-pain (exact). */
    public record WeekPain(IsoWeek week, int sessions, long beforeX) {
        /** Whether this week's mean before-pain is above {@code other}'s, compared exactly. */
        boolean meanAbove(WeekPain other) {
            return beforeX * other.sessions > other.beforeX * sessions;
        }
    }

    /**
     * @param lastSessions the last sessions with both ratings (at most 3 are looked at), in time order
     * @param lastWeeks    the last weeks with such sessions (at most 4 are looked at), in time order
     */
    public static List<PainAlert> of(List<SessionPain> lastSessions, List<WeekPain> lastWeeks) {
        List<PainAlert> alerts = new ArrayList<>();
        afterSessions(lastSessions).ifPresent(alerts::add);
        acrossWeeks(lastWeeks).ifPresent(alerts::add);
        return alerts;
    }

    static Optional<PainAlert> afterSessions(List<SessionPain> sessions) {
        List<SessionPain> last3 = sessions.subList(Math.max(0, sessions.size() - 3), sessions.size());
        List<SessionPain> worse = last3.stream().filter(SessionPain::worseByTwo).toList();
        if (worse.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new PainAlert(PAIN_WORSENING, worse.get(0).date(),
                "Pain was 2 or more points higher after practice than before in " + worse.size()
                        + " of your last " + last3.size() + " sessions.", ADVICE));
    }

    static Optional<PainAlert> acrossWeeks(List<WeekPain> weeks) {
        if (weeks.size() < 4) {
            return Optional.empty();
        }
        List<WeekPain> last4 = weeks.subList(weeks.size() - 4, weeks.size());
        for (int i = 1; i < 4; i++) {
            if (last4.get(i - 1).week().weeksUntil(last4.get(i).week()) != 1 || !last4.get(i).meanAbove(last4.get(i - 1))) {
                return Optional.empty();
            }
        }
        return Optional.of(new PainAlert(PAIN_WORSENING, last4.get(0).week().monday(),
                "Your average pain before practice rose every week for four weeks (" + last4.get(0).week() + " to "
                        + last4.get(3).week() + ").", ADVICE));
    }
}

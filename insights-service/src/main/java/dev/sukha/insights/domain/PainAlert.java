package dev.sukha.insights.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code PAIN_WORSENING} safety alert, on the overall pain values:
 * <ul>
 * <li>pain after exceeded pain before by 2 or more in at least 2 of the last 3
 * sessions that have both; or</li>
 * <li>over the four most recent ISO weeks that have such sessions, when they are
 * consecutive, the weekly mean before-pain rose three times in a row.</li>
 * </ul>
 */
public record PainAlert(String type, LocalDate since, String reason, String advice) {

    public static final String PAIN_WORSENING = "PAIN_WORSENING";
    static final String ADVICE = "Pain that keeps getting worse deserves a look from a doctor or physiotherapist. "
            + "Until then, choose gentler options, shorten your practice, and stop any pose that hurts.";

    public static List<PainAlert> of(Collection<SessionFacts> sessions) {
        List<SessionFacts> withBoth = sessions.stream()
                .filter(SessionFacts::started)
                .filter(s -> Relief.of(s, null).isPresent())
                .sorted(Comparator.comparing(SessionFacts::startInstant).thenComparing(SessionFacts::sessionId))
                .toList();
        List<PainAlert> alerts = new ArrayList<>();
        afterSessions(withBoth).ifPresent(alerts::add);
        acrossWeeks(withBoth).ifPresent(alerts::add);
        return alerts;
    }

    static Optional<PainAlert> afterSessions(List<SessionFacts> withBoth) {
        List<SessionFacts> last3 = withBoth.subList(Math.max(0, withBoth.size() - 3), withBoth.size());
        List<SessionFacts> worse = last3.stream()
                .filter(s -> Relief.of(s, null).orElseThrow().relief() <= -2.0 + 1e-9)
                .toList();
        if (worse.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new PainAlert(PAIN_WORSENING, worse.get(0).localDate(),
                "Pain was 2 or more points higher after practice than before in " + worse.size()
                        + " of your last " + last3.size() + " sessions.", ADVICE));
    }

    static Optional<PainAlert> acrossWeeks(List<SessionFacts> withBoth) {
        Map<IsoWeek, List<SessionFacts>> byWeek = new TreeMap<>();
        for (SessionFacts s : withBoth) {
            byWeek.computeIfAbsent(IsoWeek.of(s.localDate()), k -> new ArrayList<>()).add(s);
        }
        List<IsoWeek> weeks = new ArrayList<>(byWeek.keySet());
        if (weeks.size() < 4) {
            return Optional.empty();
        }
        List<IsoWeek> last4 = weeks.subList(weeks.size() - 4, weeks.size());
        for (int i = 1; i < 4; i++) {
            if (last4.get(i - 1).weeksUntil(last4.get(i)) != 1) {
                return Optional.empty();
            }
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (IsoWeek w : last4) {
            double mean = PainTrend.unroundedBefore(byWeek.get(w), null);
            // Equal means computed from different sessions can differ in the last bits: not a rise.
            if (mean <= previous + 1e-9) {
                return Optional.empty();
            }
            previous = mean;
        }
        return Optional.of(new PainAlert(PAIN_WORSENING, last4.get(0).monday(),
                "Your average pain before practice rose every week for four weeks (" + last4.get(0) + " to "
                        + last4.get(3) + ").", ADVICE));
    }
}

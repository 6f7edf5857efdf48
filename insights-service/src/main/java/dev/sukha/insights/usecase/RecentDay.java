package dev.sukha.insights.usecase;

import dev.sukha.platform.problem.Problem;
import dev.sukha.platform.problem.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** A day a person names (a clearance, a programme's start): a date from some days back to today, else a 422 naming it. */
final class RecentDay {

    private RecentDay() {
    }

    static LocalDate parse(String field, String text, LocalDate today, int daysBack, String detail) {
        LocalDate day;
        try {
            day = text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            day = null;
        }
        if (day == null || day.isAfter(today) || day.isBefore(today.minusDays(daysBack))) {
            throw new ProblemException(Problem.invalid(422, detail, List.of(new Problem.Error(field,
                    "a date (YYYY-MM-DD) from " + today.minusDays(daysBack) + " to today, " + today))));
        }
        return day;
    }
}

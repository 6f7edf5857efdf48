package dev.sukha.system;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

final class IsoWeeks {
    private IsoWeeks() {
    }

    static String of(LocalDate date) {
        return String.format("%04d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}

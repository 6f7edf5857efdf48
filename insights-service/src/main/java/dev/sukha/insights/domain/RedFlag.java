package dev.sukha.insights.domain;

import java.util.Arrays;
import java.util.List;

/**
 * The safety screen's questions, each answered yes or no before practice (the contract's
 * table): a yes to any of the first three is a reason to seek urgent care now, a yes to any of
 * the others a reason to see a clinician before exercising.
 */
public enum RedFlag {
    BLADDER_BOWEL(Advice.URGENT_CARE),
    SPREADING_WEAKNESS(Advice.URGENT_CARE),
    CHEST_PAIN(Advice.URGENT_CARE),
    FEVER_UNWELL(Advice.SEE_CLINICIAN),
    TRAUMA(Advice.SEE_CLINICIAN),
    CANCER_WEIGHT_LOSS(Advice.SEE_CLINICIAN),
    NIGHT_PAIN(Advice.SEE_CLINICIAN);

    /** What a yes leads to. */
    public enum Advice { URGENT_CARE, SEE_CLINICIAN }

    /** Every code, in the screen's order. */
    public static final List<String> CODES = Arrays.stream(values()).map(Enum::name).toList();

    public final Advice advice;

    RedFlag(Advice advice) {
        this.advice = advice;
    }
}

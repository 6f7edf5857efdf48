package dev.sukha.insights.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The body areas a person rates pain in, and routines focus on; on the wire in lower case
 * ({@code upper_back}). Each has the SNOMED CT body structure a clinical system knows it by
 * (the clinician report's {@code bodySite}); where SNOMED CT has no region as narrow, the
 * nearest wider one, the report's text saying which area was rated.
 */
public enum BodyArea {
    NECK("45048000", "Neck structure"),
    SHOULDERS("16982005", "Shoulder region structure"),
    UPPER_BACK("1141986006", "Structure of thoracic vertebral column region"),
    MID_BACK("77568009", "Structure of back of trunk"),
    LOWER_BACK("1141985005", "Structure of lumbar vertebral column region"),
    HIPS("29836001", "Hip region structure"),
    KNEES("72696002", "Knee region structure"),
    FEET("56459004", "Foot structure"),
    WRISTS("8205005", "Wrist region structure"),
    JAW("661005", "Jaw region structure"),
    CHEST("51185008", "Thoracic structure"),
    TAILBONE("64688005", "Bone structure of coccyx");

    private final String snomed;
    private final String snomedDisplay;

    BodyArea(String snomed, String snomedDisplay) {
        this.snomed = snomed;
        this.snomedDisplay = snomedDisplay;
    }

    public String snomed() {
        return snomed;
    }

    public String snomedDisplay() {
        return snomedDisplay;
    }

    /** Every area as on the wire, in this order. */
    public static final List<String> WIRE = Arrays.stream(values()).map(BodyArea::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BodyArea> of(String wire) {
        return Arrays.stream(values()).filter(a -> a.wire().equals(wire)).findFirst();
    }
}

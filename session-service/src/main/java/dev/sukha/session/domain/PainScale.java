package dev.sukha.session.domain;

import java.util.List;

/** Pain is reported per body area on a 0..10 numeric rating scale. */
public final class PainScale {
    public static final int MIN = 0;
    public static final int MAX = 10;
    public static final List<String> AREAS = BodyArea.WIRE;

    private PainScale() {
    }
}

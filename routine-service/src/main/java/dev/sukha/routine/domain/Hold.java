package dev.sukha.routine.domain;

/** How long a step lasts: a number of breaths or of seconds, exactly one of them. */
public record Hold(Integer breaths, Integer seconds) {
    public static final int MAX_BREATHS = 60;
    public static final int MIN_SECONDS = 5;
    public static final int MAX_SECONDS = 600;
}

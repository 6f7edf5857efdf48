package dev.sukha.routine.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How long a step lasts: a number of breaths or of seconds, exactly one of them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hold(Integer breaths, Integer seconds) {
    public static final int MAX_BREATHS = 60;
    public static final int MIN_SECONDS = 5;
    public static final int MAX_SECONDS = 600;
}

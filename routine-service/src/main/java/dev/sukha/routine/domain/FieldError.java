package dev.sukha.routine.domain;

/** One thing wrong with an input, and where: a JSON path such as {@code steps[3].side}. */
public record FieldError(String field, String message) {
}

package dev.sukha.session.domain;

/** One thing wrong with one event of a request: its index in the batch, the field, the reason. */
public record FieldError(int index, String field, String message) {
}

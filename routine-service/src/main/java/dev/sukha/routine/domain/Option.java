package dev.sukha.routine.domain;

/** A variation the teacher offers on a step or pose: gentler or deeper. */
public record Option(String label, String cue, String intensity) {
}

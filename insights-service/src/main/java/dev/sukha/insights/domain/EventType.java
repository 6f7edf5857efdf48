package dev.sukha.insights.domain;

/** The practice event types of {@code practice-event.v1.json}. */
public enum EventType {
    SESSION_STARTED, POSE_STARTED, POSE_COMPLETED, POSE_SKIPPED, SESSION_COMPLETED, SESSION_ABANDONED;

    public boolean isPose() {
        return this == POSE_STARTED || this == POSE_COMPLETED || this == POSE_SKIPPED;
    }

    public boolean isEnd() {
        return this == SESSION_COMPLETED || this == SESSION_ABANDONED;
    }
}

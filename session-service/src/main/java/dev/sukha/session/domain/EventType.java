package dev.sukha.session.domain;

/** What the app records while someone practises. */
public enum EventType {
    SESSION_STARTED, POSE_STARTED, POSE_COMPLETED, POSE_SKIPPED, SESSION_COMPLETED, SESSION_ABANDONED;

    public boolean isPose() {
        return this == POSE_STARTED || this == POSE_COMPLETED || this == POSE_SKIPPED;
    }

    public boolean isEnd() {
        return this == SESSION_COMPLETED || this == SESSION_ABANDONED;
    }

    /** Pain is reported before (on the start) and after (on the end). */
    public boolean carriesPain() {
        return this == SESSION_STARTED || isEnd();
    }
}

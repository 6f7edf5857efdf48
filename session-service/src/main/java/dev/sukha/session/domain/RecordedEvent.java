package dev.sukha.session.domain;

import java.util.UUID;

/** An event id already recorded: by whom, and with what content. */
public record RecordedEvent(UUID eventId, String userId, String fingerprint) {
}

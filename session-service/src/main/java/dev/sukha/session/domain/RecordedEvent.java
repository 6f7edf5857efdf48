package dev.sukha.session.domain;

import java.util.UUID;
import java.util.function.Predicate;

/**
 * An event id already recorded: by whom, and whether a given content (a {@link PracticeEvent#fingerprint()})
 * is the one recorded. The store keeps only a keyed hash of the content, so the comparison is its.
 */
public record RecordedEvent(UUID eventId, String userId, Predicate<String> content) {

    public boolean sameContent(String fingerprint) {
        return content.test(fingerprint);
    }
}

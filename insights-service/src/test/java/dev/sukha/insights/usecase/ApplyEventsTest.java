package dev.sukha.insights.usecase;

import dev.sukha.insights.domain.EventType;
import dev.sukha.insights.domain.PracticeEvent;
import dev.sukha.insights.keys.PersonKeys;
import dev.sukha.insights.store.ProjectionWriter;
import dev.sukha.stack.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Applying a batch of opened events, with no Kafka record in sight: what the consumer and nothing else does with them. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ApplyEventsTest {

    @Inject
    ApplyEvents apply;
    @Inject
    PersonKeys keys;
    @Inject
    Figures figures;
    @Inject
    Erasure erasure;

    private static PracticeEvent event(String session, EventType type, OffsetDateTime at, OffsetDateTime started) {
        return new PracticeEvent(UUID.randomUUID().toString(), session, type, at, "upper-back-release", 1, 4, "UTC", null,
                type == EventType.SESSION_STARTED ? Map.of("neck", 6) : type.isEnd() ? Map.of("neck", 2) : null, started);
    }

    private static List<ProjectionWriter.Incoming> aSessionToday(String user) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Twenty minutes ago, but not before today began: just after midnight on a Sunday that would be last week's.
        OffsetDateTime today = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        OffsetDateTime started = now.minusMinutes(20).isBefore(today) ? today : now.minusMinutes(20);
        OffsetDateTime ended = started.plus(java.time.Duration.between(started, now).multipliedBy(3).dividedBy(5));
        String session = UUID.randomUUID().toString();
        return List.of(new ProjectionWriter.Incoming(0, user, event(session, EventType.SESSION_STARTED, started, started)),
                new ProjectionWriter.Incoming(1, user, event(session, EventType.SESSION_COMPLETED, ended, started)));
    }

    @Test
    void aBatchIsAppliedOnceHoweverOftenItComesAndItsPersonGetsAKey() {
        String user = "apply-" + UUID.randomUUID();
        List<ProjectionWriter.Incoming> batch = aSessionToday(user);

        assertThat(apply.apply(batch, keys.states(List.of(user)))).isEmpty();
        assertThat(figures.streak(user, "UTC").current()).isEqualTo(1);
        assertThat(figures.week(user, null, "UTC").sessions().completed()).isEqualTo(1);
        assertThat(keys.values(keys.states(List.of(user)).get(user))).as("a key made for the person").isNotNull();

        // Redelivered (offsets not committed before a restart): nothing counts twice.
        assertThat(apply.apply(batch, keys.states(List.of(user)))).isEmpty();
        assertThat(figures.week(user, null, "UTC").sessions().completed()).isEqualTo(1);
    }

    @Test
    void aPersonErasedWhileTheirBatchWasOpenedKeepsNoFigures() {
        String user = "apply-erased-" + UUID.randomUUID();
        assertThat(apply.apply(aSessionToday(user), keys.states(List.of(user)))).isEmpty();
        var openedWith = keys.states(List.of(user)); // the batch below was opened with the live key...

        erasure.erase(user, "test"); // ...and the person is erased before it is written

        apply.apply(aSessionToday(user), openedWith);
        assertThat(figures.streak(user, "UTC").current()).isZero();
        assertThat(figures.week(user, null, "UTC").sessions().completed()).isZero();
    }
}

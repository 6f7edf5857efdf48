package dev.sukha.session.usecase;

import dev.sukha.session.store.EventClaims;
import dev.sukha.session.store.SessionStore;
import dev.sukha.session.store.Store;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events on Kafka are recorded even when the store fails right after: the marks (their session
 * listing them) wait and are written when the store is back, so a resend finds them recorded (a DUPLICATE) rather
 * than taking their claims over and publishing them again. Found by the fault suite.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RecordedMarksTest {

    @Inject
    RecordedMarks marks;

    @Inject
    EventClaims claims;

    @Inject
    SessionStore sessions;

    @Inject
    Store store;

    @Test
    void marksThatTheStoreRefusesAreWrittenWhenItIsBack() {
        String user = "marks-" + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
        String holder = UUID.randomUUID().toString();
        Instant now = Instant.now();
        assertThat(claims.claim(ids.stream().map(id -> new EventClaims.NewEvent(id, user, session, "f-" + id, "k1")).toList(),
                holder, now).join().taken()).isEmpty();
        store.get(Store.SESSIONS).insertOne(new Document("_id", session.toString()).append("owner", user)
                .append("startEventId", ids.get(0).toString()));

        SharedStack.stopStore();
        try {
            marks.mark(ids, List.of(new SessionStore.Recorded(session, ids, true, false)), Deadline.after(Duration.ofSeconds(1)));
            assertThat(marks.pending()).isEqualTo(1);
            assertThat(marks.marking(ids.get(0))).isTrue();
        } finally {
            SharedStack.startStore();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(marks.pending()).isZero();
            // Recorded: the session lists them, so a resend finds them recorded and not their claims free to take over.
            assertThat(sessions.find(List.of(session)).join().get(session).doc().getList("eventIds", String.class))
                    .containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
        });
        assertThat(marks.marking(ids.get(0))).isFalse();
    }

    @Test
    void claimsOfAFailedRequestAreLetGoWhenTheStoreIsBack() {
        List<UUID> ids = List.of(UUID.randomUUID());
        String holder = UUID.randomUUID().toString();
        claims.claim(List.of(new EventClaims.NewEvent(ids.get(0), "marks-" + holder, UUID.randomUUID(), "f", "k1")), holder,
                Instant.now()).join();

        SharedStack.stopStore();
        try {
            marks.release(ids, holder);
        } finally {
            SharedStack.startStore();
        }

        // Let go without waiting for the lease: a retry may take the claim over at once.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(claims.find(ids).join().get(ids.get(0)).holder()).isNull());
    }
}

package dev.sukha.routine.usecase;

import dev.sukha.routine.store.RoutineStore;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;


/** Announces, in the background, versions whose announcement failed (broker down at publish time). */
@ApplicationScoped
public class OutboxRetry {

    private final RoutineStore store;
    private final Catalogue catalogue;

    public OutboxRetry(RoutineStore store, Catalogue catalogue) {
        this.store = store;
        this.catalogue = catalogue;
    }

    @Scheduled(every = "${sukha.outbox.retry-every}", delayed = "${sukha.outbox.retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        for (String id : store.unannounced()) {
            try {
                catalogue.announcePending(id);
            } catch (Announcements.NotAnnounced e) {
                Log.warnf("Routine %s still not announced: %s; will retry", id, e.getMessage());
                return;
            }
        }
    }
}

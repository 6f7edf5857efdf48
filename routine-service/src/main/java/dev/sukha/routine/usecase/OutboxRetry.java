package dev.sukha.routine.usecase;

import dev.sukha.routine.store.RoutineStore;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;


/** Announces, in the background, routine and programme versions whose announcement failed (broker down at publish time). */
@ApplicationScoped
public class OutboxRetry {

    private final RoutineStore store;
    private final Catalogue catalogue;
    private final Programmes programmes;

    public OutboxRetry(RoutineStore store, Catalogue catalogue, Programmes programmes) {
        this.store = store;
        this.catalogue = catalogue;
        this.programmes = programmes;
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
        try {
            programmes.announcePending();
        } catch (ProgrammeAnnouncements.NotAnnounced e) {
            Log.warnf("%s; will retry", e.getMessage());
        }
    }
}

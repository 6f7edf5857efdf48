package dev.sukha.insights.usecase;

import dev.sukha.insights.domain.Figure;
import java.util.List;
import dev.sukha.insights.store.Generations;
import dev.sukha.insights.store.ProjectionWriter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Recomputes every projection from the start of {@code practice-events} into the next
 * generation while reads go on against the live one:
 * <ol>
 * <li>the next generation is claimed in {@code meta}; within a second every instance's
 * consumer writes to it as well as to the live one (writes are idempotent, so overlap is
 * harmless);</li>
 * <li>the topic is replayed into it up to its end at that moment;</li>
 * <li>it becomes the live generation; the replay then goes on to the end again, for what
 * instances that had not yet seen the switch wrote to the old generation only;</li>
 * <li>the old generation is deleted.</li>
 * </ol>
 * A migration from the layout before generations is the same, with no old generation.
 */
// Created at start, not on first use: its gauges are there before any rebuild.
@io.quarkus.runtime.Startup
@ApplicationScoped
public class Rebuild {

    /** Progress, as {@code GET /v1/admin/rebuild} shows it. */
    public record Status(String state, String target, Instant startedAt, Instant finishedAt, long processed,
                         long total, long skipped, String error) {
        static Status idle() {
            return new Status("IDLE", null, null, null, 0, 0, 0, null);
        }

        public boolean running() {
            return "RUNNING".equals(state);
        }
    }

    /** How long every instance needs to see a change of generations, with margin. */
    static final long SETTLE_MILLIS = 2 * Generations.REFRESH_MILLIS + 500;

    private final Generations generations;
    private final ProjectionWriter writer;
    private final EventLog replay;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.idle());

    private final ChangeNotices changes;

    public Rebuild(Generations generations, ProjectionWriter writer, EventLog replay, ChangeNotices changes,
                   io.micrometer.core.instrument.MeterRegistry metrics) {
        this.changes = changes;
        // For operators: a rebuild running here, and how far (a stalled one is alerted on; deploy/k8s).
        metrics.gauge("sukha.rebuild.running", status, s -> s.get().running() ? 1 : 0);
        metrics.gauge("sukha.rebuild.processed.records", status, s -> s.get().processed());
        metrics.gauge("sukha.rebuild.expected.records", status, s -> s.get().total());
        this.generations = generations;
        this.writer = writer;
        this.replay = replay;
    }

    public Status status() {
        Status s = status.get();
        if (!s.running()) {
            // Another instance may be rebuilding.
            Long building = generations.state().building();
            if (building != null) {
                return new Status("RUNNING", "generation " + building, null, null, 0, 0, 0,
                        "running on another instance");
            }
        }
        return s;
    }

    /** Starts a rebuild unless one runs; returns the status either way. */
    public synchronized Status start() {
        if (status().running()) {
            return status();
        }
        Optional<Long> target = generations.claimNext();
        if (target.isEmpty()) {
            return status();
        }
        Long previous = generations.state().live();
        run(target.get(), previous, "rebuild");
        return status.get();
    }

    /** Builds the first generation from the topic (the layout before generations had none). */
    synchronized void migrate(long target, Runnable whenDone) {
        run(target, null, "migration");
        Thread waiter = new Thread(() -> {
            while (status.get().running()) {
                sleep(200);
            }
            if ("DONE".equals(status.get().state())) {
                whenDone.run();
            }
        }, "insights-migration-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void run(long target, Long previous, String what) {
        status.set(new Status("RUNNING", "generation " + target, Instant.now(), null, 0, 0, 0, null));
        Thread worker = new Thread(() -> work(target, previous, what), "insights-" + what);
        worker.setDaemon(true);
        worker.start();
    }

    private void work(long target, Long previous, String what) {
        Instant startedAt = status.get().startedAt();
        long[] nextLog = {0};
        try (EventLog.Reader reader = replay.open()) {
            if (previous != null) {
                sleep(SETTLE_MILLIS);
            }
            Log.infof("The %s into generation %d starts (the live one is %s)", what, target, previous);
            reader.readTo((batch, seals) -> writer.apply(batch, target, seals), p -> progress(target, startedAt, p, nextLog));
            generations.switchTo(target);
            // Every figure may read differently now (tags carry the generation, once each instance sees the switch).
            changes.changed(List.of(ChangeNotices.EVERYONE), java.util.EnumSet.allOf(Figure.class));
            Log.infof("Generation %d is now the live projection; reading on for what came meanwhile", target);
            sleep(SETTLE_MILLIS);
            reader.readTo((batch, seals) -> writer.apply(batch, target, seals), p -> progress(target, startedAt, p, nextLog));
            Status s = status.get();
            status.set(new Status("DONE", s.target(), startedAt, Instant.now(), s.processed(), s.total(), s.skipped(), null));
            Log.infof("The %s into generation %d is done: %d records, %d skipped as poison", what, target,
                    s.processed(), s.skipped());
        } catch (RuntimeException e) {
            generations.abandon(target);
            try {
                generations.drop(target);
            } catch (RuntimeException ignored) {
                // the store may be why it failed: the generation is left behind, never read
            }
            Status s = status.get();
            status.set(new Status("FAILED", s.target(), startedAt, Instant.now(), s.processed(), s.total(), s.skipped(),
                    e.getMessage()));
            Log.errorf(e, "The %s into generation %d failed; the live projection is unchanged", what, target);
            return;
        }
        if (previous != null) {
            try {
                long deleted = generations.drop(previous);
                Log.infof("Generation %d deleted (%d documents)", previous, deleted);
            } catch (RuntimeException e) {
                Log.warnf("Generation %d could not be deleted (%s); it is never read", previous, e.getMessage());
            }
        }
    }

    private void progress(long target, Instant startedAt, EventLog.Progress p, long[] nextLog) {
        status.set(new Status("RUNNING", "generation " + target, startedAt, null, p.processed(), p.total(), p.skipped(), null));
        if (p.processed() >= nextLog[0]) {
            Log.infof("Rebuilding generation %d: %d of %d records (%d%%)", target, p.processed(), p.total(),
                    p.total() == 0 ? 100 : p.processed() * 100 / p.total());
            nextLog[0] = p.processed() + Math.max(1000, p.total() / 10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

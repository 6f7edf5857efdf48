package dev.sukha.session.usecase;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What is left of a request's time: every wait of the request takes from the same budget. */
public final class Deadline {

    private final long at;

    private Deadline(long at) {
        this.at = at;
    }

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public long remainingNanos() {
        return Math.max(0, at - System.nanoTime());
    }

    public boolean expired() {
        return remainingNanos() == 0;
    }

    /** Waits for the future within the budget: true if it completed normally by then. */
    public boolean await(CompletableFuture<?> future) {
        try {
            future.get(remainingNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * The future's value within the budget.
     *
     * @throws Ingest.Unavailable when the budget runs out or the store fails
     */
    public <T> T get(CompletableFuture<T> future, String what) {
        try {
            return future.get(remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ingest.Unavailable("interrupted while " + what, e);
        } catch (TimeoutException e) {
            throw new Ingest.Unavailable("The store did not answer in time (" + what + "); retry the same request.", e);
        } catch (ExecutionException e) {
            throw new Ingest.Unavailable("The store is unavailable (" + what + "): " + e.getCause().getMessage()
                    + "; retry the same request.", e.getCause());
        }
    }
}

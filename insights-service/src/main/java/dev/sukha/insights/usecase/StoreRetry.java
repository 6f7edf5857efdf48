package dev.sukha.insights.usecase;

import io.quarkus.logging.Log;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A store step of the consumed stream, run until the store answers: an outage (or no generation yet) is waited
 * out with back-off up to 5 s, never skipped — the offsets are committed only after the step.
 */
public final class StoreRetry {

    private StoreRetry() {
    }

    public static <T> T until(String what, Supplier<T> step) {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                return step.get();
            } catch (com.mongodb.MongoException | IllegalStateException e) {
                Log.warnf("%s failed (%s); retrying in %d ms", what, e.getMessage(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    public static void untilDone(String what, Runnable step) {
        until(what, () -> {
            step.run();
            return null;
        });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the store was away", ie);
        }
    }
}

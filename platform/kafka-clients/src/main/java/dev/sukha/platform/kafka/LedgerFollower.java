package dev.sukha.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows a ledger topic (every record a fact the service's store must reflect, such as an erasure) from
 * offsets kept in that store ({@link StoredOffsetsReader}): first up to the end the topic had when the
 * service started — until then {@link #caughtUp} is false and the service does not answer — then on,
 * every {@code every}. Kafka or the store away: it waits and tries again, never skips.
 */
public final class LedgerFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LedgerFollower.class);

    private final String name;
    private final Supplier<StoredOffsetsReader> open;
    private final Consumer<ConsumerRecord<String, String>> apply;
    private final Duration every;
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean caughtUp;
    private volatile boolean gap;
    private volatile boolean stopped;
    private Thread thread;

    public LedgerFollower(String name, Supplier<StoredOffsetsReader> open, Consumer<ConsumerRecord<String, String>> apply,
                          Duration every) {
        this.name = name;
        this.open = open;
        this.apply = apply;
        this.every = every;
    }

    public synchronized void start() {
        thread = new Thread(this::follow, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether every record the topic held when this started has been applied. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Whether the store's offsets were older than the topic's retention: records it never applied are gone. */
    public boolean gap() {
        return gap;
    }

    /** Records applied since start (again after a restore: the same records a second time). */
    public long applied() {
        return applied.get();
    }

    private void follow() {
        Duration backoff = Duration.ofMillis(200);
        while (!stopped) {
            try (StoredOffsetsReader reader = open.get()) {
                gap |= reader.gap();
                while (!stopped) {
                    long n = reader.readToEnd(r -> {
                        apply.accept(r);
                        applied.incrementAndGet();
                    });
                    if (!caughtUp) {
                        LOG.infof("%s: caught up (%d records applied)", name, applied.get());
                        caughtUp = true;
                    } else if (n > 0) {
                        LOG.debugf("%s: %d records applied", name, n);
                    }
                    backoff = Duration.ofMillis(200);
                    Thread.sleep(every.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.warnf("%s: %s; trying again in %d ms", name, e.getMessage(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}

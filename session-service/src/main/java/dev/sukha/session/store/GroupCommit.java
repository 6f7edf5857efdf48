package dev.sukha.session.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Gathers what concurrent requests ask of the store into one command per tick: while a
 * command is on its way, new requests queue; when it returns, everything queued (up to a
 * bound) goes in the next one, and each request gets exactly its own part of the answer.
 * A lone request goes at once; under load a tick carries many. The queue is bounded: when
 * it is full a request is refused at once ({@link Full}), so that it can answer 503 with
 * nothing claimed rather than wait behind a backlog.
 *
 * @param <I> what one request asks
 * @param <O> its part of the answer
 */
public final class GroupCommit<I, O> implements AutoCloseable {

    /** One command over many requests' inputs; returns one output per input, in order. */
    @FunctionalInterface
    public interface Command<I, O> extends Function<List<I>, List<O>> {
    }

    /** The queue is full: the store is behind. */
    public static final class Full extends RuntimeException {
        public Full(String name) {
            super("the store is behind (" + name + " queue full)", null, false, false);
        }
    }

    private record Pending<I, O>(I input, CompletableFuture<O> result) {
    }

    private final String name;
    private final Command<I, O> command;
    private final int maxBatch;
    private final long lingerNanos;
    private final BlockingQueue<Pending<I, O>> queue;
    private final Thread dispatcher;
    private final Timer commands;
    private final DistributionSummary sizes;
    private volatile boolean running = true;

    /**
     * @param maxBatch how many requests one command carries at most
     * @param linger   how long a command waits for more requests once one is there (0: not at all)
     * @param capacity how many requests may wait
     */
    public GroupCommit(String name, Command<I, O> command, int maxBatch, java.time.Duration linger, int capacity,
                       MeterRegistry metrics) {
        this.name = name;
        this.command = command;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.commands = Timer.builder("sukha.store.group.command").tag("kind", name)
                .description("Time of one store command carrying many requests").register(metrics);
        this.sizes = DistributionSummary.builder("sukha.store.group.size").tag("kind", name)
                .description("Requests carried by one store command").register(metrics);
        metrics.gaugeCollectionSize("sukha.store.group.queue", io.micrometer.core.instrument.Tags.of("kind", name), queue);
        this.dispatcher = new Thread(this::loop, "group-commit-" + name);
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** A group commit with the service's settings. */
    public static <I, O> GroupCommit<I, O> of(String name, Command<I, O> command,
                                              dev.sukha.session.config.SessionConfig.Store settings, MeterRegistry metrics) {
        return new GroupCommit<>(name, command, settings.maxBatch(), settings.linger(), settings.capacity(), metrics);
    }

    /** Queues a request; its answer comes when the command carrying it returns. */
    public CompletableFuture<O> submit(I input) {
        CompletableFuture<O> result = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending<>(input, result))) {
            result.completeExceptionally(new Full(name));
        }
        return result;
    }

    private void loop() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pending<I, O> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (lingerNanos > 0) {
                    long until = System.nanoTime() + lingerNanos;
                    while (batch.size() < maxBatch) {
                        long left = until - System.nanoTime();
                        Pending<I, O> more = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                        if (more == null) {
                            break;
                        }
                        batch.add(more);
                        queue.drainTo(batch, maxBatch - batch.size());
                    }
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Pending<I, O>> batch) {
        List<I> inputs = new ArrayList<>(batch.size());
        batch.forEach(p -> inputs.add(p.input()));
        sizes.record(batch.size());
        List<O> outputs;
        try {
            outputs = commands.recordCallable(() -> command.apply(inputs));
        } catch (Throwable e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(outputs.get(i));
        }
    }

    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
        for (Pending<I, O> p; (p = queue.poll()) != null; ) {
            p.result().completeExceptionally(new Full(name));
        }
    }
}

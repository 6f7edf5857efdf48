package dev.sukha.insights.usecase;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The few threads a consumed batch is worked on side by side: opening records is CPU alone, and each group of
 * writes waits on the store in turn. Three, measured best on two cores (docs/performance.md).
 */
@ApplicationScoped
public class Workers {

    static final int PARALLEL = 3;

    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "projection-writer");
        t.setDaemon(true);
        return t;
    });

    /** How many side by side for {@code n} items, at least {@code perWorker} each. */
    public int share(int n, int perWorker) {
        return Math.min(PARALLEL, Math.max(1, n / perWorker));
    }

    /** Runs {@code each} for 0..n-1 in a few contiguous chunks side by side (one for fewer than 500). */
    public void inParallel(int n, IntConsumer each) {
        int chunks = share(n, 500);
        if (chunks == 1) {
            for (int i = 0; i < n; i++) {
                each.accept(i);
            }
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks.add(() -> {
                for (int i = from; i < to; i++) {
                    each.accept(i);
                }
                return null;
            });
        }
        all(tasks);
    }

    /** Runs the tasks side by side and waits for every one; the first failure is thrown as it was. */
    public <T> List<T> all(List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        tasks.forEach(t -> futures.add(pool.submit(t)));
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}

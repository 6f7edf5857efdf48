package dev.sukha.platform.fairuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Each person's token buckets (Bucket4j), one per budget, kept while they are active: a bucket
 * unused for longer than it takes to refill is full again, so forgetting it changes nothing.
 */
@ApplicationScoped
public class Budgets {

    /** A budget's shape: sustained rate and burst; a rate of 0 means no budget at all. */
    public record Shape(double perSecond, long burst) {
        boolean unlimited() {
            return perSecond <= 0 || burst <= 0;
        }

        /** Seconds an empty bucket takes to fill: the window of the RateLimit-Policy. */
        long windowSeconds() {
            return Math.max(1, (long) Math.ceil(burst / perSecond));
        }
    }

    private final Map<Budget, Shape> shapes = new EnumMap<>(Budget.class);
    private final Cache<String, Bucket> buckets;

    public Budgets(FairUseConfig config, MeterRegistry registry) {
        shapes.put(Budget.WRITES, new Shape(config.writesPerSecond(), config.writesBurst()));
        shapes.put(Budget.OPERATORS, new Shape(config.operatorsPerSecond(), config.operatorsBurst()));
        shapes.put(Budget.READS, new Shape(config.readsPerSecond(), config.readsBurst()));
        long longestRefill = shapes.values().stream().filter(s -> !s.unlimited()).mapToLong(Shape::windowSeconds).max().orElse(1);
        buckets = Caffeine.newBuilder().maximumSize(config.maxPeople())
                .expireAfterAccess(Duration.ofSeconds(Math.max(60, 2 * longestRefill))).build();
        registry.gaugeMapSize("sukha_fair_use_buckets", java.util.List.of(), buckets.asMap());
    }

    public Shape shape(Budget budget) {
        return shapes.get(budget);
    }

    /** Takes one request from the person's budget: whether it may go on, what is left, and when the next comes. */
    public ConsumptionProbe take(Budget budget, String person) {
        Shape shape = shapes.get(budget);
        Bucket bucket = buckets.get(budget.ordinal() + "|" + person, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(shape.burst())
                        .refillGreedy(Math.max(1, Math.round(shape.perSecond() * 1000)), Duration.ofSeconds(1000)))
                .build());
        return bucket.tryConsumeAndReturnRemaining(1);
    }
}

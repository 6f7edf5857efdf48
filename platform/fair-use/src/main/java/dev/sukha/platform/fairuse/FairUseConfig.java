package dev.sukha.platform.fairuse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The budgets ({@code sukha.fair-use.*}; SUKHA_FAIR_USE_WRITES_PER_SECOND and so on). They are per
 * instance: behind N replicas a person may reach N times each, at most.
 */
@ConfigMapping(prefix = "sukha.fair-use")
public interface FairUseConfig {

    /** The contract's default: 20 requests a second sustained, bursts of 100. */
    @WithDefault("20")
    double writesPerSecond();

    @WithDefault("100")
    long writesBurst();

    @WithDefault("10")
    double operatorsPerSecond();

    @WithDefault("50")
    long operatorsBurst();

    /** 0: reads carry no budget (the contract's default). */
    @WithDefault("0")
    double readsPerSecond();

    @WithDefault("0")
    long readsBurst();

    /**
     * A refusal is answered once the person's next request would be allowed, at most this late
     * (0: at once). A client that honours Retry-After waits anyway; one stuck in a loop is slowed to
     * the budget's pace instead of taking the CPU everyone else's requests need.
     */
    @WithDefault("1s")
    java.time.Duration refusalDelayMax();

    /** Refusals held back at once, per instance; past it they are answered at once. */
    @WithDefault("1024")
    int refusalsHeldMax();

    /** How many people's buckets are kept (the least recently seen go first; a new bucket is full). */
    @WithDefault("50000")
    long maxPeople();
}

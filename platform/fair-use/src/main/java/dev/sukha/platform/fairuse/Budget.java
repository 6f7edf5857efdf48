package dev.sukha.platform.fairuse;

/** The budgets, each a token bucket per person (per operator, for theirs), per instance. */
public enum Budget {
    /** A person's writes: events, pauses, the goal, their erasure. */
    WRITES("writes"),
    /** An operator's actions (rebuilds, migrations, erasing someone): a bucket of their own. */
    OPERATORS("operators"),
    /** A person's reads: unlimited unless a setting gives them a budget. */
    READS("reads");

    /** Its name in the RateLimit headers and in metrics. */
    public final String policy;

    Budget(String policy) {
        this.policy = policy;
    }
}

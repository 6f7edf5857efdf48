package dev.sukha.platform.fairuse;

/** The budgets, each a token bucket per person (per operator, for theirs), per instance. */
public enum Budget {
    /** A person's writes: events, pauses, the goal, their erasure. */
    WRITES("writes", "Past this person's write budget (a token bucket; by default 20 requests a second, "
            + "bursts of 100): nothing was done. Send the same request again after `Retry-After` seconds."),
    /** An operator's actions (rebuilds, migrations, erasing someone): a bucket of their own. */
    OPERATORS("operators", "Past this operator's budget: nothing was done. Send the same request again "
            + "after `Retry-After` seconds."),
    /** A person's reads: unlimited unless a setting gives them a budget. */
    READS("reads", "Only where a read budget is set (none by default): past it. Send the same "
            + "request again after `Retry-After` seconds.");

    /** Its name in the RateLimit headers and in metrics. */
    public final String policy;
    /** What its 429 means, in the OpenAPI documents ({@link BudgetResponses}). */
    public final String refusal;

    Budget(String policy, String refusal) {
        this.policy = policy;
        this.refusal = refusal;
    }
}

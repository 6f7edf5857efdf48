package dev.sukha.platform.fairuse;

/** How each budget's 429 is described in the OpenAPI documents (the problem schema and headers are added for every 429). */
public final class Refusals {

    public static final String WRITES = "Past this person's write budget (a token bucket; by default 20 requests a second, "
            + "bursts of 100): nothing was done. Send the same request again after `Retry-After` seconds.";
    public static final String OPERATORS = "Past this operator's budget: nothing was done. Send the same request again "
            + "after `Retry-After` seconds.";
    public static final String READS = "Only where a read budget is set (none by default): past it. Send the same "
            + "request again after `Retry-After` seconds.";

    private Refusals() {
    }
}

package dev.sukha.insights.api;

/** Descriptions of the query parameters the figures share, for the OpenAPI document. */
final class Params {
    static final String ZONE = "IANA time zone for \"today\" and \"this week\"; by default the zone of the person's latest session.";
    static final String WEEK = "ISO week, e.g. `2026-W48`; by default this week.";
    static final String WEEKS = "How many ISO weeks, ending with this one: 1 to 52; 8 by default.";
    static final String AREA = "One body area (e.g. `upper_back`); by default the mean over the areas rated before and after.";
    static final String USER = "The person's id (their token's `sub`).";
    static final String OPERATORS = " Operators only: anyone else gets 403, whether or not the person exists.";

    private Params() {
    }
}

package dev.sukha.insights.api;

/** The access log's paging parameters, for the OpenAPI document. */
final class AccessLogParams {
    static final String LIMIT = "Records per page, 1 to 100; 20 by default.";
    static final String BEFORE = "The `next` of the page before: records older than its last one.";

    private AccessLogParams() {
    }
}

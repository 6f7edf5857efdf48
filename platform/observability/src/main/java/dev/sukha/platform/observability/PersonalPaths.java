package dev.sukha.platform.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Spans never carry a person's id in clear: operators' paths name people ({@code /v1/users/alice/pauses}),
 * and HTTP server spans record the path as asked. This processor, which Quarkus adds to every tracer
 * (a CDI {@link SpanProcessor}), rewrites such a path to its template ({@code /v1/users/{userId}/pauses})
 * as the span starts, before anything can export it.
 */
@ApplicationScoped
public class PersonalPaths implements SpanProcessor {

    static final List<AttributeKey<String>> PATHS = List.of(AttributeKey.stringKey("url.path"),
            AttributeKey.stringKey("url.full"), AttributeKey.stringKey("http.target"), AttributeKey.stringKey("http.url"));
    private static final Pattern PERSON = Pattern.compile("(/v1/users/)[^/?#]+");

    /** The path with every person's id replaced by {@code {userId}}. */
    static String redacted(String path) {
        return path == null ? null : PERSON.matcher(path).replaceAll("$1{userId}");
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> key : PATHS) {
            String value = span.getAttribute(key);
            if (value != null && value.contains("/v1/users/")) {
                span.setAttribute(key, redacted(value));
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}

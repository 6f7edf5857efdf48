package dev.sukha.platform.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C trace context in Kafka record headers, for code that talks to the Kafka client itself rather
 * than through a channel's pipeline (which traces on its own).
 * <ul>
 * <li>A producer sends a request's records under one {@code publish} span, a child of the request's
 * span, and every record carries that span's context ({@code traceparent}, {@code tracestate}):
 * a request that came with a {@code traceparent} keeps its trace id on every record it produced.</li>
 * <li>A batch consumer processes a batch under one {@code process} span that <em>links</em> each
 * record's context (a batch serves many traces; a span has one parent), as OpenTelemetry's
 * messaging conventions say for batches.</li>
 * </ul>
 * Span attributes name the system, the topic and the number of records; never a key (a user id),
 * a value or anything else a record holds.
 */
@ApplicationScoped
public class KafkaTracing {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<Long> COUNT = AttributeKey.longKey("messaging.batch.message_count");
    /** A batch of 5,000 records need not carry 5,000 links: the SDK keeps 128 by default, this asks for no more. */
    static final int MAX_LINKS = 128;

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header h = carrier == null ? null : carrier.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public KafkaTracing(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("dev.sukha.kafka");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
    }

    /** One request's sending of {@code count} records to {@code topic}, under the current span. */
    public Publish publish(String topic, int count) {
        Span span = tracer.spanBuilder(topic + " publish").setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic).setAttribute(OPERATION, "publish")
                .setAttribute(COUNT, (long) count).startSpan();
        Map<String, String> carrier = new LinkedHashMap<>();
        propagator.inject(Context.current().with(span), carrier, Map::put);
        List<Header> headers = new ArrayList<>(carrier.size());
        carrier.forEach((k, v) -> headers.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        return new Publish(span, List.copyOf(headers));
    }

    /** The publish span and the (immutable, shared) headers every record of it carries. */
    public record Publish(Span span, List<Header> headers) {
        /** Adds the trace headers to one record's headers. */
        public Headers onto(Headers recordHeaders) {
            headers.forEach(recordHeaders::add);
            return recordHeaders;
        }

        /** Ends the span once the broker answered for every record; a failure marks it. */
        public void ended(Throwable failure) {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            }
            span.end();
        }
    }

    /** The trace context a record carries; invalid when it carries none. */
    public SpanContext contextOf(ConsumerRecord<?, ?> record) {
        return Span.fromContext(propagator.extract(Context.root(), record.headers(), HEADERS)).getSpanContext();
    }

    /**
     * Starts the span of processing one consumed batch: a root span linking each record's context
     * (the first {@value #MAX_LINKS} distinct ones). The caller makes it current while it works, so
     * the store's spans are its children, and ends it.
     */
    public Span process(String topic, List<? extends ConsumerRecord<?, ?>> records) {
        SpanBuilder builder = tracer.spanBuilder(topic + " process").setSpanKind(SpanKind.CONSUMER).setNoParent()
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic).setAttribute(OPERATION, "process")
                .setAttribute(COUNT, (long) records.size());
        java.util.Set<String> linked = new java.util.HashSet<>();
        for (ConsumerRecord<?, ?> r : records) {
            if (linked.size() == MAX_LINKS) {
                break;
            }
            if (r.headers().lastHeader("traceparent") == null) {
                continue;
            }
            SpanContext context = contextOf(r);
            if (context.isValid() && linked.add(context.getTraceId() + context.getSpanId())) {
                builder.addLink(context);
            }
        }
        return builder.startSpan();
    }
}

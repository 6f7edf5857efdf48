package dev.sukha.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00f067aa0ba902b7";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final KafkaTracing tracing = new KafkaTracing(sdk);

    @AfterEach
    void close() {
        sdk.close();
    }

    private static Context callersContext() {
        SpanContext caller = SpanContext.createFromRemoteParent(TRACE, CALLER, TraceFlags.getSampled(), TraceState.getDefault());
        return Context.root().with(Span.wrap(caller));
    }

    @Test
    void everyRecordOfARequestCarriesTheCallersTraceUnderOnePublishSpan() {
        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        try (Scope ignored = callersContext().makeCurrent()) {
            KafkaTracing.Publish publish = tracing.publish("practice-events", 3);
            for (int i = 0; i < 3; i++) {
                sent.add(new ProducerRecord<>("practice-events", null, "user-" + i, "{}", publish.onto(new RecordHeaders())));
            }
            publish.ended(null);
        }
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(CALLER);
        assertThat(span.getName()).isEqualTo("practice-events publish");
        assertThat(span.getAttributes().get(KafkaTracing.COUNT)).isEqualTo(3L);
        for (ProducerRecord<String, String> r : sent) {
            String traceparent = new String(r.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
            assertThat(traceparent).isEqualTo("00-" + TRACE + "-" + span.getSpanId() + "-01");
        }
    }

    @Test
    void aRequestWithoutATraceStartsOneAndItsRecordsCarryIt() {
        KafkaTracing.Publish publish = tracing.publish("practice-events", 1);
        RecordHeaders headers = new RecordHeaders();
        publish.onto(headers);
        publish.ended(new IllegalStateException("broker away"));
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8)).contains(span.getTraceId());
        assertThat(span.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
    }

    @Test
    void aBatchIsProcessedUnderOneSpanLinkingEachRecordsTraceAndNothingOfItsContent() {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ConsumerRecord<String, String> r = new ConsumerRecord<>("practice-events", 0, i, "user-" + i, "{\"pain\":7}");
            if (i % 3 != 2) { // some records carry no trace (written before tracing, or by a tool)
                String trace = String.format("%032x", i + 1);
                r.headers().add("traceparent", ("00-" + trace + "-" + CALLER + "-01").getBytes(StandardCharsets.UTF_8));
            }
            batch.add(r);
        }
        batch.add(batch.get(0)); // the same record twice (a redelivery) is linked once

        Span span = tracing.process("practice-events", batch);
        span.end();

        SpanData data = spans.getFinishedSpanItems().get(0);
        assertThat(data.getParentSpanContext().isValid()).isFalse();
        assertThat(data.getLinks()).hasSize(KafkaTracing.MAX_LINKS);
        assertThat(data.getLinks()).extracting(LinkData::getSpanContext).extracting(SpanContext::getTraceId)
                .doesNotHaveDuplicates()
                .contains(String.format("%032x", 1), String.format("%032x", 2))
                .doesNotContain(String.format("%032x", 3));
        assertThat(data.getAttributes().get(KafkaTracing.COUNT)).isEqualTo(301L);
        assertThat(data.getAttributes().asMap().values()).allSatisfy(v ->
                assertThat(String.valueOf(v)).doesNotContain("user-").doesNotContain("pain"));
    }

    @Test
    void aRecordWithoutTraceHeadersHasNoContext() {
        assertThat(tracing.contextOf(new ConsumerRecord<>("t", 0, 0, "k", "v")).isValid()).isFalse();
    }
}

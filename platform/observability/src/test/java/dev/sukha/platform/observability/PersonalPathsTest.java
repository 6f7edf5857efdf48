package dev.sukha.platform.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalPathsTest {

    @Test
    void aPersonsIdInAPathBecomesItsTemplate() {
        assertThat(PersonalPaths.redacted("/v1/users/alice@example.org/pauses")).isEqualTo("/v1/users/{userId}/pauses");
        assertThat(PersonalPaths.redacted("https://sukha.example.org/v1/users/7f3a/streak?zone=Europe/Paris"))
                .isEqualTo("https://sukha.example.org/v1/users/{userId}/streak?zone=Europe/Paris");
        assertThat(PersonalPaths.redacted("/v1/users/bob")).isEqualTo("/v1/users/{userId}");
        assertThat(PersonalPaths.redacted("/v1/me/streak")).isEqualTo("/v1/me/streak");
    }

    @Test
    void theSpanIsRewrittenAsItStartsSoNoExporterSeesTheId() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        SpanData span;
        try (SdkTracerProvider tracer = SdkTracerProvider.builder().addSpanProcessor(new PersonalPaths())
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
            tracer.get("test").spanBuilder("GET /v1/users/{userId}/pauses")
                    .setAttribute("url.path", "/v1/users/carol/pauses")
                    .setAttribute("http.route", "/v1/users/{userId}/pauses").startSpan().end();
            span = spans.getFinishedSpanItems().get(0); // before close: the exporter's shutdown forgets them
        }
        assertThat(span.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/v1/users/{userId}/pauses");
        assertThat(span.getAttributes().asMap().values()).noneSatisfy(v -> assertThat(String.valueOf(v)).contains("carol"));
    }
}

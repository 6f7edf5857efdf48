package dev.sukha.system;

import com.sun.net.httpserver.HttpServer;
import dev.sukha.stack.SharedStack;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from the POST to the figure: session-service and insights-service export to an OTLP
 * receiver in this test (HTTP/protobuf, as a collector would get it), by the standard OTEL_*
 * settings. A POST that brings a known {@code traceparent} finds that trace id on its record's
 * headers in {@code practice-events}, on session-service's publish span, and among the links of
 * insights' span for the batch that wrote it — and no span carries the person's id or health data.
 */
class TraceIT {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CALLER_SPAN = "b7ad6b7169203331";

    private static HttpServer receiver;
    private static final List<ResourceSpans> received = new CopyOnWriteArrayList<>();
    private static ServiceProcess sessions;
    private static ServiceProcess insights;

    @BeforeAll
    static void tracedServices() throws Exception {
        RunningSystem.get(); // routine-service, whose catalogue the traced session-service reads
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try (InputStream body = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                received.addAll(ExportTraceServiceRequest.parseFrom(body.readAllBytes()).getResourceSpansList());
            } catch (RuntimeException | Error e) {
                e.printStackTrace();
                throw e;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        // What an operator sets (OTEL_EXPORTER_OTLP_ENDPOINT...), as the system properties they map to.
        Map<String, String> otel = Map.of(
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "200ms");
        sessions = ServiceProcess.start("session-service", otel);
        Map<String, String> ownInsights = new java.util.HashMap<>(otel);
        // Its own group, from the end: the batch that writes this test's event is consumed here.
        ownInsights.put("mp.messaging.incoming.practice-events-in.group.id", "insights-trace-" + UUID.randomUUID());
        ownInsights.put("mp.messaging.incoming.practice-events-in.auto.offset.reset", "latest");
        ownInsights.put("quarkus.mongodb.database", "sukha-insights-trace");
        insights = ServiceProcess.start("insights-service", ownInsights);
    }

    @AfterAll
    static void stop() {
        List.of(insights, sessions).forEach(s -> {
            if (s != null) {
                s.close();
            }
        });
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static List<Span> spansOf(String service) {
        List<Span> spans = new ArrayList<>();
        for (ResourceSpans rs : received) {
            boolean ofService = rs.getResource().getAttributesList().stream().anyMatch(a ->
                    a.getKey().equals("service.name") && a.getValue().getStringValue().equals(service));
            if (ofService) {
                rs.getScopeSpansList().stream().map(ScopeSpans::getSpansList).forEach(spans::addAll);
            }
        }
        return spans;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        received.forEach(rs -> rs.getScopeSpansList().forEach(ss -> ss.getSpansList().forEach(s -> names.add(
                rs.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                        .map(a -> a.getValue().getStringValue()).findFirst().orElse("?") + ":" + s.getName()))));
        return names;
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Test
    void aPostsTraceIdIsOnItsRecordOnThePublishSpanAndLinkedByTheConsumersSpan() throws Exception {
        String user = "trace-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String body = """
                [{"eventId":"%s","type":"SESSION_STARTED","sessionId":"%s","occurredAt":"%s","routineId":"upper-back-quick","zone":"UTC","pain":{"upper_back":6}},
                 {"eventId":"%s","type":"SESSION_COMPLETED","sessionId":"%s","occurredAt":"%s","pain":{"upper_back":3}}]"""
                .formatted(UUID.randomUUID(), session, now.minusMinutes(9), UUID.randomUUID(), session, now.minusMinutes(1));

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.get().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> topic = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = topic.partitionsFor("practice-events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            topic.assign(partitions);
            topic.seekToEnd(partitions);
            partitions.forEach(topic::position);

            // 422 (unknown routine) until the new instance has read the catalogue; then 202.
            await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(sessions.url()).auth()
                    .oauth2(SharedStack.token(user)).contentType(ContentType.JSON)
                    .header("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01").body(body)
                    .post("/v1/events").then().extract().statusCode() == 202);

            List<ConsumerRecord<String, String>> ours = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                topic.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (user.equals(r.key())) {
                        ours.add(r);
                    }
                });
                return ours.size() == 2;
            });
            for (ConsumerRecord<String, String> r : ours) {
                String traceparent = new String(r.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
                assertThat(traceparent).startsWith("00-" + TRACE + "-").endsWith("-01");
                assertThat(r.value()).as("sealed: the trace is in the headers, the event is not readable").doesNotContain("upper_back");
            }
        }

        // An operator's read names the person in its path.
        given().baseUri(insights.url()).auth().oauth2(SharedStack.token("trace-operator", "operator"))
                .get("/v1/users/" + user + "/pauses").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(spansOf("insights-service")).anySatisfy(s -> {
                assertThat(s.getName()).contains("/v1/users/{userId}/pauses");
                // the path as asked is recorded, as its template
                assertThat(s.getAttributesList()).anySatisfy(a -> {
                    assertThat(a.getKey()).isEqualTo("url.path");
                    assertThat(a.getValue().getStringValue()).isEqualTo("/v1/users/{userId}/pauses");
                });
            });
            Span publish = spansOf("session-service").stream().filter(s -> s.getName().equals("practice-events publish"))
                    .filter(s -> hex(s.getTraceId()).equals(TRACE)).findFirst()
                    .orElseThrow(() -> new AssertionError("no publish span in " + names()));
            assertThat(spansOf("session-service")).anySatisfy(server -> {
                assertThat(hex(server.getSpanId())).isEqualTo(hex(publish.getParentSpanId()));
                assertThat(hex(server.getParentSpanId())).isEqualTo(CALLER_SPAN);
                assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            });
            Span batch = spansOf("insights-service").stream().filter(s -> s.getName().equals("practice-events process"))
                    .filter(s -> s.getLinksList().stream().anyMatch(l -> hex(l.getTraceId()).equals(TRACE)))
                    .findFirst().orElseThrow(() -> new AssertionError("no linking batch span in " + names()));
            assertThat(batch.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
            // The store write for that batch is its child.
            assertThat(spansOf("insights-service")).anySatisfy(child -> {
                assertThat(child.getName()).isEqualTo("projection write");
                assertThat(hex(child.getParentSpanId())).isEqualTo(hex(batch.getSpanId()));
            });
        });

        // Their logs say nothing of the person's health.
        for (ServiceProcess service : List.of(sessions, insights)) {
            assertThat(java.nio.file.Files.readString(service.log, StandardCharsets.ISO_8859_1)).as(service.name)
                    .doesNotContain("upper_back").doesNotContain("\"pain\"");
        }
        // Nothing personal in any span: no user id, no pain, in any attribute of either service.
        for (ResourceSpans rs : received) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    for (KeyValue a : s.getAttributesList()) {
                        assertThat(a.getValue().toString()).as(s.getName() + " " + a.getKey())
                                .doesNotContain(user).doesNotContain("upper_back").doesNotContain("pain");
                    }
                }
            }
        }
    }

    @Test
    void withoutAnEndpointNothingIsExportedAndNothingComplains() throws Exception {
        // The shared system runs as ./run does, with no OTEL_* setting: spans go nowhere, silently.
        RunningSystem system = RunningSystem.get();
        for (ServiceProcess service : system.all()) {
            given().baseUri(service.url()).header("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01")
                    .get("/v1/routines").then().statusCode(org.hamcrest.Matchers.anyOf(
                            org.hamcrest.Matchers.is(401), org.hamcrest.Matchers.is(404)));
        }
        Thread.sleep(6_000); // past the span processor's 5 s export delay
        for (ServiceProcess service : system.all()) {
            assertThat(java.nio.file.Files.readString(service.log, StandardCharsets.ISO_8859_1))
                    .as(service.name).doesNotContain("Failed to export").doesNotContain("4317");
        }
    }
}

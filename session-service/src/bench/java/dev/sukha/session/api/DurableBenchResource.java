package dev.sukha.session.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import dev.sukha.platform.problem.ProblemException;
import dev.sukha.session.messaging.EventPublisher;
import dev.sukha.session.store.Store;
import io.quarkus.security.Authenticated;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The minimal durable baseline of ingest, for the benchmark only (404 unless
 * {@code sukha.bench.endpoints=true}): the work the contract demands of a 202 and nothing more.
 * It verifies the token, inserts one document per event keyed by its {@code eventId} (one
 * unordered insertMany; a duplicate key is a DUPLICATE), sends one record per new event of the size
 * a sealed record has, through the production producer (acks=all, idempotent), to a topic of its
 * own, waits for every acknowledgement, and answers 202. No rules, no sealing, no group commit:
 * the naive floor that ingest's group commit must beat on the same store and broker.
 */
@Path("/v1/bench/durable")
@Authenticated
public class DurableBenchResource {

    static final String COLLECTION = "bench_durable";
    static final String TOPIC = "bench-durable";
    /** A sealed record's envelope around the event (schema, key id, nonce; base64 of the ciphertext and its tag). */
    private static final String ENVELOPE = "{\"schemaVersion\":2,\"keyId\":\"bench-0000000000000000\",\"nonce\":\"AAAAAAAAAAAAAAAA\",\"ciphertext\":\"%s\"}";

    private final boolean enabled;
    private final Store store;
    private final KafkaClientService clients;
    private final org.eclipse.microprofile.jwt.JsonWebToken jwt;

    public DurableBenchResource(dev.sukha.session.config.SessionConfig config, Store store, KafkaClientService clients,
                                org.eclipse.microprofile.jwt.JsonWebToken jwt) {
        this.jwt = jwt;
        this.enabled = config.bench().endpoints();
        this.store = store;
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response durable(JsonNode body) throws Exception {
        if (!enabled) {
            throw ProblemException.notFound("There is nothing at this address.");
        }
        List<JsonNode> events = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(events::add);
        } else if (body != null && body.isObject()) {
            events.add(body);
        }
        if (events.isEmpty() || events.size() > EventResource.MAX_BATCH) {
            throw ProblemException.badRequest("Send one event or an array of up to " + EventResource.MAX_BATCH + ".");
        }
        List<Document> docs = new ArrayList<>(events.size());
        List<String> texts = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            String id = e.path("eventId").asText("");
            if (id.isEmpty()) {
                throw ProblemException.badRequest("Every event needs an eventId.");
            }
            String text = e.toString();
            texts.add(text);
            docs.add(new Document("_id", id).append("e", text));
        }
        Set<Integer> duplicates = new HashSet<>();
        try {
            store.get(COLLECTION).insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != 11000) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
        }
        Producer<String, String> producer = clients.<String, String>getProducer(EventPublisher.CHANNEL).unwrap();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        StringBuilder results = new StringBuilder("{\"results\":[");
        for (int i = 0; i < docs.size(); i++) {
            boolean duplicate = duplicates.contains(i);
            if (i > 0) {
                results.append(',');
            }
            results.append("{\"eventId\":\"").append(docs.get(i).getString("_id")).append("\",\"status\":\"")
                    .append(duplicate ? "DUPLICATE" : "ACCEPTED").append("\"}");
            if (duplicate) {
                continue;
            }
            byte[] plain = texts.get(i).getBytes(StandardCharsets.UTF_8);
            String value = ENVELOPE.formatted(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(plain, plain.length + 16)));
            CompletableFuture<Void> ack = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(TOPIC, jwt.getSubject(), value), (m, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
            acks.add(ack);
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw ProblemException.unavailable("Kafka did not acknowledge in time; retry shortly.");
        }
        return Response.accepted(results.append("]}").toString()).type(MediaType.APPLICATION_JSON).build();
    }
}

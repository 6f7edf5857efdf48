package dev.sukha.stack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackTest {

    @Test
    void portsChosenTogetherAreDistinct() {
        for (int round = 0; round < 200; round++) {
            int[] ports = LocalStack.freePorts(3);
            assertThat(new HashSet<>(List.of(ports[0], ports[1], ports[2]))).hasSize(3);
        }
    }

    @Test
    void severalStacksStartSideBySideOnFreePorts(@TempDir Path dir) {
        List<CompletableFuture<LocalStack>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path data = dir.resolve("stack-" + i);
            starting.add(CompletableFuture.supplyAsync(() -> LocalStack.start(LocalStack.Settings.ephemeral(data))));
        }
        List<LocalStack> stacks = starting.stream().map(CompletableFuture::join).toList();
        try {
            Set<String> addresses = new HashSet<>();
            for (LocalStack stack : stacks) {
                addresses.add(stack.bootstrapServers());
                addresses.add(stack.mongoConnectionString());
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                    assertThat(admin.listTopics().names().get()).contains(Topics.PRACTICE_EVENTS, Topics.ROUTINES);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
                    client.getDatabase("probe").getCollection("c").insertOne(new org.bson.Document("_id", "x"));
                    assertThat(client.getDatabase("probe").getCollection("c").countDocuments()).isEqualTo(1);
                }
            }
            assertThat(addresses).hasSize(6);
        } finally {
            stacks.forEach(LocalStack::close);
        }
    }

    @Test
    void theStoresFileKeepsOnlyWhatTheStoreHoldsOnceStoppedAndReadsTheSameAfter(@TempDir Path dir) throws Exception {
        LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dir));
        try {
            try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
                var c = client.getDatabase("probe").getCollection("c");
                for (int i = 0; i < 500; i++) {
                    c.insertOne(new org.bson.Document("_id", "doc-" + i).append("v", "WRITTEN-IN-THE-CLEAR-" + i));
                }
                for (int i = 0; i < 500; i++) {
                    c.replaceOne(com.mongodb.client.model.Filters.eq("_id", "doc-" + i), new org.bson.Document("v", "~1sealed" + i));
                }
            }
            stack.stopStore();
            String file = new String(java.nio.file.Files.readAllBytes(dir.resolve("mongo").resolve("sukha.mv")),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(file).contains("~1sealed499").doesNotContain("WRITTEN-IN-THE-CLEAR");
            stack.startStore();
            try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
                var c = client.getDatabase("probe").getCollection("c");
                assertThat(c.find(com.mongodb.client.model.Filters.eq("_id", "doc-250")).first().getString("v")).isEqualTo("~1sealed250");
                assertThat(c.countDocuments(com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.gte("_id", "doc-1"),
                        com.mongodb.client.model.Filters.lt("_id", "doc-2")))).isEqualTo(111);
                c.insertOne(new org.bson.Document("_id", "after"));
                assertThat(c.countDocuments()).isEqualTo(501);
            }
        } finally {
            stack.close();
        }
    }
}

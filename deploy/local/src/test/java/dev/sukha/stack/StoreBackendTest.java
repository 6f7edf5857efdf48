package dev.sukha.stack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class StoreBackendTest {

    private static String random(Random r, String alphabet, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(max); i > 0; i--) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void keysCompareInTheOrderTheStockTypeStoredThemIn() {
        ObjectDataType stock = new ObjectDataType();
        StoreBackend.Keys keys = new StoreBackend.Keys();
        Random r = new Random(7);
        String ascii = "abcAZ09|-%.:_ ~\\u007f";
        String any = ascii + "éß€\\u0000😀";
        for (int i = 0; i < 200_000; i++) {
            String x = i % 10 == 0 ? UUID.randomUUID().toString() : random(r, i % 3 == 0 ? any : ascii, i % 2 == 0 ? 8 : 300);
            String y = r.nextInt(4) == 0 ? x + random(r, ascii, 5) : i % 10 == 0 ? UUID.randomUUID().toString()
                    : random(r, i % 3 == 0 ? any : ascii, i % 2 == 0 ? 8 : 300);
            KeyValue a = new KeyValue(x);
            KeyValue b = new KeyValue(y);
            assertThat(Integer.signum(keys.compare(a, b))).as("'%s' vs '%s'", x, y)
                    .isEqualTo(Integer.signum(stock.compare(a, b)));
        }
        // Keys that are not one string are compared as before.
        assertThat(Integer.signum(keys.compare(new KeyValue(3L), new KeyValue(12L))))
                .isEqualTo(Integer.signum(stock.compare(new KeyValue(3L), new KeyValue(12L))));
    }

    private static void with(MongoBackend backend, Consumer<MongoCollection<Document>> use) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            use.accept(client.getDatabase("compat").getCollection("docs"));
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aDataDirectoryWrittenByTheStockBackendReadsTheSameAndBack(@TempDir Path dir) {
        Path file = dir.resolve("store.mv");
        List<String> ids = new ArrayList<>();
        Random r = new Random(3);
        for (int i = 0; i < 3000; i++) {
            ids.add(i % 3 == 0 ? UUID.randomUUID().toString() : "1|user-" + r.nextInt(500) + "|w2026-W" + i);
        }
        Document sample = new Document("user", "ana").append("nested", new Document("list", List.of(1, 2L, "three", 4.5)))
                .append("when", new java.util.Date(1_700_000_000_000L)).append("flag", true).append("nothing", null);
        with(new H2Backend(file.toString()), c -> ids.subList(0, 2000).forEach(id -> c.insertOne(new Document("_id", id).append("doc", sample))));
        with(StoreBackend.open(file), c -> {
            ids.subList(0, 2000).forEach(id -> assertThat(c.find(Filters.eq("_id", id)).first()).as(id)
                    .isEqualTo(new Document("_id", id).append("doc", sample)));
            ids.subList(2000, 3000).forEach(id -> c.insertOne(new Document("_id", id).append("doc", sample)));
            assertThat(c.countDocuments()).isEqualTo(3000);
            // The unique index still refuses a second copy of a key written by the stock backend.
            assertThat(c.updateOne(Filters.eq("_id", ids.get(5)), new Document("$set", new Document("n", 1))).getMatchedCount())
                    .isEqualTo(1);
        });
        // And back: the stock backend finds what this one wrote.
        with(new H2Backend(file.toString()), c -> {
            ids.forEach(id -> assertThat(c.find(Filters.eq("_id", id)).first().get("doc")).as(id).isEqualTo(sample));
            assertThat(c.find(Filters.eq("_id", ids.get(5))).first().getInteger("n")).isEqualTo(1);
        });
    }

    @Test
    void aQueryNamingTheKeyAmongOtherConditionsMatchesWhatTheStockBackendMatches() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            docs.add(new Document("_id", "s-" + i).append("state", i % 3 == 0 ? "PENDING" : "RECORDED")
                    .append("end", i % 4 == 0 ? null : "e-" + i));
        }
        List<org.bson.conversions.Bson> queries = List.of(
                Filters.and(Filters.eq("_id", "s-3"), Filters.eq("state", "PENDING")),
                Filters.and(Filters.eq("_id", "s-4"), Filters.eq("state", "PENDING")),
                Filters.and(Filters.eq("_id", "s-8"), Filters.or(Filters.eq("end", null), Filters.eq("end", "x"))),
                Filters.and(Filters.eq("_id", "s-9"), Filters.or(Filters.eq("end", null), Filters.eq("end", "e-9"))),
                Filters.and(Filters.eq("_id", "s-9"), Filters.or(Filters.eq("end", null), Filters.eq("end", "other"))),
                Filters.and(Filters.in("_id", "s-0", "s-1", "s-2", "s-3", "nope"), Filters.eq("state", "RECORDED")),
                Filters.and(Filters.eq("_id", "nope"), Filters.eq("state", "PENDING")),
                Filters.eq("state", "PENDING"));
        List<List<Document>> stock = new ArrayList<>();
        List<List<Document>> ours = new ArrayList<>();
        with(new H2Backend(org.h2.mvstore.MVStore.open(null)), c -> {
            c.insertMany(docs);
            queries.forEach(q -> stock.add(c.find(q).into(new ArrayList<>())));
            queries.forEach(q -> c.updateMany(q, new Document("$set", new Document("touched", true))));
            stock.add(c.find().into(new ArrayList<>()));
        });
        with(StoreBackend.inMemory(), c -> {
            c.insertMany(docs);
            queries.forEach(q -> ours.add(c.find(q).into(new ArrayList<>())));
            queries.forEach(q -> c.updateMany(q, new Document("$set", new Document("touched", true))));
            ours.add(c.find().into(new ArrayList<>()));
        });
        assertThat(ours).isEqualTo(stock);
        assertThat(stock.get(0)).hasSize(1);
        assertThat(stock.get(1)).isEmpty();
        assertThat(stock.get(3)).hasSize(1);
        assertThat(stock.get(4)).isEmpty();
        assertThat(stock.get(5)).extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("s-1", "s-2");
    }
}

package dev.sukha.session.store;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CommandBytesTest {

    private static long encoded(BsonDocument d) {
        try (BasicOutputBuffer out = new BasicOutputBuffer()) {
            new BsonDocumentCodec().encode(new org.bson.BsonBinaryWriter(out), d, EncoderContext.builder().build());
            return out.getPosition();
        }
    }

    private static BsonDocument claim(int i) {
        return new BsonDocument("_id", new BsonString("e-" + i)).append("holder", new BsonString("h"))
                .append("fp", new BsonBinary(new byte[16])).append("expiresAt", new BsonDateTime(1_000L * i))
                .append("note", new BsonString("é".repeat(i % 5)));
    }

    @Test
    void aCommandOfPlainDocumentsIsTheSizeOfItsEncoding() {
        BsonArray documents = new BsonArray();
        IntStream.range(0, 12).forEach(i -> documents.add(claim(i)));
        BsonDocument insert = new BsonDocument("insert", new BsonString("events")).append("ordered", BsonBoolean.FALSE)
                .append("documents", documents).append("$db", new BsonString("sessions"));
        assertThat(CommandBytes.of(insert)).isEqualTo(encoded(insert));
    }

    @Test
    void documentsWhoseBytesAreAtHandAreSizedFromThemAndArraysOfOtherValuesAreEncoded() {
        BsonArray documents = new BsonArray();
        IntStream.range(0, 120).forEach(i -> documents.add(new RawBsonDocument(claim(i), new BsonDocumentCodec())));
        BsonArray mixed = new BsonArray(List.of(new BsonInt32(7), new BsonString("x"), claim(3),
                new BsonArray(List.of(new BsonInt32(1)))));
        BsonDocument command = new BsonDocument("insert", new BsonString("events")).append("documents", documents)
                .append("other", mixed).append("lsid", new BsonDocument("id", new BsonBinary(new byte[16])));
        assertThat(CommandBytes.of(command)).isEqualTo(encoded(command));
        assertThat(CommandBytes.of(new RawBsonDocument(command, new BsonDocumentCodec()))).isEqualTo(encoded(command));
    }

    /** The driver's own command events, through the local store: each size equals the command encoded again. */
    @Test
    void everyCommandTheDriverSendsIsSizedAsItsEncoding() {
        List<long[]> sizes = new ArrayList<>();
        List<Boolean> fromBytes = new ArrayList<>();
        // A proxy, not a class: Quarkus registers every CommandListener class it finds with the service's client.
        CommandListener both = (CommandListener) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{CommandListener.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commandStarted")) {
                        CommandStartedEvent event = (CommandStartedEvent) args[0];
                        sizes.add(new long[]{CommandBytes.of(event.getCommand()), encoded(event.getCommand())});
                        if (event.getCommandName().equals("insert")) {
                            // the case the shortcut is for: the driver hands the documents over as their bytes
                            fromBytes.add(event.getCommand().getArray("documents").get(0).asDocument().asBsonReader()
                                    instanceof org.bson.BsonBinaryReader);
                        }
                    }
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "sizes";
                        default -> null;
                    };
                });
        MongoServer server = new MongoServer(dev.sukha.stack.StoreBackend.inMemory());
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString())).addCommandListener(both).build())) {
            MongoCollection<Document> events = client.getDatabase("sizes").getCollection("events");
            events.insertMany(IntStream.range(0, 300).mapToObj(i -> new Document("_id", "e-" + i).append("n", i)
                    .append("text", "x".repeat(i % 40))).toList(), new InsertManyOptions().ordered(false));
            events.bulkWrite(IntStream.range(0, 50).mapToObj(i -> new UpdateOneModel<Document>(Filters.eq("_id", "e-" + i),
                    Updates.addEachToSet("ids", List.of("a", "b")), new UpdateOptions().upsert(true))).toList());
            events.updateOne(Filters.eq("_id", "e-1"), Updates.set("marked", true));
            events.deleteMany(Filters.lt("n", 10));
            events.find(Filters.in("_id", "e-20", "e-21")).into(new ArrayList<>());
        } finally {
            server.shutdownNow();
        }
        assertThat(sizes).hasSizeGreaterThanOrEqualTo(5);
        assertThat(fromBytes).isNotEmpty().containsOnly(true);
        assertThat(sizes).allSatisfy(s -> assertThat(s[0]).isEqualTo(s[1]));
    }
}

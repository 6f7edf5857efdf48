package dev.sukha.insights.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** insights-service's database. */
@ApplicationScoped
public class Store {

    /** Every person's documents, found by {@code _id} (see {@link ProjectionIds}). */
    public static final String PROJECTION = "projection";

    private final MongoClient client;
    private final String database;

    public Store(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.client = client;
        this.database = database;
    }

    public MongoCollection<Document> collection(String name) {
        return client.getDatabase(database).getCollection(name);
    }

    public MongoCollection<Document> projection() {
        return collection(PROJECTION);
    }

    public boolean exists(String name) {
        return collectionNames().contains(name);
    }

    public java.util.List<String> collectionNames() {
        return client.getDatabase(database).listCollectionNames().into(new java.util.ArrayList<>());
    }
}

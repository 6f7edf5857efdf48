package dev.sukha.session.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** session-service's database: its own collections, every document keyed by {@code _id}. */
@ApplicationScoped
public class Store {
    public static final String EVENTS = "events";
    public static final String SESSIONS = "sessions";
    public static final String ROUTINE_VIEW = "routine_view";

    private final MongoClient client;
    private final String database;

    public Store(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.client = client;
        this.database = database;
    }

    public MongoCollection<Document> get(String name) {
        return client.getDatabase(database).getCollection(name);
    }
}

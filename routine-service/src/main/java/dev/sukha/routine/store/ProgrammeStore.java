package dev.sukha.routine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.sukha.routine.domain.Programme;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Published programme versions, one document each keyed {@code <programmeId>@<version>} (so two instances publishing
 * the same number cannot both win), with the outbox flag {@code announced}: false until the broker acknowledged it on
 * the programmes topic. A catalogue holds a handful, so the latest of each is found by reading them all.
 */
@ApplicationScoped
public class ProgrammeStore {

    static final String COLLECTION = "programme_versions";

    private final MongoCollection<Document> versions;
    private final ObjectMapper json;

    ProgrammeStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database, ObjectMapper json) {
        this.versions = mongo.getDatabase(database).getCollection(COLLECTION);
        this.json = json;
    }

    static String key(String id, int version) {
        return id + "@" + version;
    }

    public Optional<Programme> latest(String id) {
        return Optional.ofNullable(versions.find(Filters.eq("programmeId", id)).sort(Sorts.descending("version")).first())
                .map(this::programme);
    }

    /** The latest version of every programme, by id. */
    public List<Programme> allLatest() {
        Map<String, Programme> latest = new TreeMap<>();
        for (Document d : versions.find()) {
            Programme p = programme(d);
            latest.merge(p.id(), p, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return new ArrayList<>(latest.values());
    }

    public Optional<Programme> version(String id, int version) {
        return Optional.ofNullable(versions.find(Filters.eq("_id", key(id, version))).first()).map(this::programme);
    }

    /** Stores a new version, unannounced; false when that number exists already (another instance published it). */
    public boolean insert(Programme programme) {
        try {
            versions.insertOne(new Document("_id", key(programme.id(), programme.version())).append("programmeId", programme.id())
                    .append("version", programme.version()).append("publishedAt", Date.from(programme.publishedAt()))
                    .append("announced", false).append("body", write(programme)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Programmes with a version not yet acknowledged by the broker. */
    public Set<String> unannounced() {
        Set<String> ids = new LinkedHashSet<>();
        versions.find(Filters.eq("announced", false)).sort(Sorts.ascending("programmeId", "version"))
                .forEach(d -> ids.add(d.getString("programmeId")));
        return ids;
    }

    /** Every version of a programme, oldest first, with whether it was announced. */
    public List<Map.Entry<Programme, Boolean>> history(String id) {
        List<Map.Entry<Programme, Boolean>> out = new ArrayList<>();
        versions.find(Filters.eq("programmeId", id)).sort(Sorts.ascending("version"))
                .forEach(d -> out.add(Map.entry(programme(d), d.getBoolean("announced", false))));
        return out;
    }

    public void markAnnounced(String id, int version, Instant at) {
        versions.updateOne(Filters.eq("_id", key(id, version)),
                Updates.combine(Updates.set("announced", true), Updates.set("announcedAt", Date.from(at))));
    }

    private Programme programme(Document d) {
        try {
            return json.readValue(d.get("body", Document.class).toJson(), Programme.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Document write(Programme p) {
        try {
            return Document.parse(json.writeValueAsString(p));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

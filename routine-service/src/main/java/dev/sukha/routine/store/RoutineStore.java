package dev.sukha.routine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.panache.common.Sort;
import com.mongodb.client.model.Updates;
import dev.sukha.routine.domain.Routine;
import dev.sukha.routine.domain.RoutineDraft;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Drafts, published versions and heads, in MongoDB; every document keyed by {@code _id}. */
@ApplicationScoped
public class RoutineStore {

    private final VersionsRepository versions;
    private final HeadsRepository heads;
    private final DraftsRepository drafts;
    private final ObjectMapper json;

    RoutineStore(VersionsRepository versions, HeadsRepository heads, DraftsRepository drafts, ObjectMapper json) {
        this.versions = versions;
        this.heads = heads;
        this.drafts = drafts;
        this.json = json;
    }

    public Optional<RoutineDraft> draft(String id) {
        return drafts.findByIdOptional(id).map(d -> read(d.body, RoutineDraft.class));
    }

    /** Saves a draft; true when it created one. */
    public boolean saveDraft(RoutineDraft draft, String editor) {
        DraftEntity entity = new DraftEntity();
        entity.id = draft.id();
        entity.body = write(draft);
        entity.updatedAt = new Date();
        entity.updatedBy = editor;
        var result = drafts.mongoCollection().replaceOne(Filters.eq("_id", draft.id()), entity,
                new ReplaceOptions().upsert(true));
        return result.getUpsertedId() != null;
    }

    public Optional<Routine> latest(String id) {
        return heads.findByIdOptional(id).map(h -> read(h.body, Routine.class));
    }

    public List<Routine> allLatest() {
        return heads.listAll().stream().map(h -> read(h.body, Routine.class)).toList();
    }

    public Optional<Routine> version(String id, int version) {
        return versions.findByIdOptional(RoutineVersionEntity.key(id, version)).map(v -> read(v.body, Routine.class));
    }

    public boolean announced(String id, int version) {
        return versions.findByIdOptional(RoutineVersionEntity.key(id, version)).map(v -> v.announced).orElse(false);
    }

    /** A published version as stored, and whether the broker acknowledged its announcement. */
    public record StoredVersion(Routine routine, boolean announced) {
    }

    /** Every published version of a routine, oldest first. */
    public List<StoredVersion> history(String id) {
        return versions.find("routineId", Sort.ascending("version"), id).list().stream()
                .map(v -> new StoredVersion(read(v.body, Routine.class), v.announced)).toList();
    }

    /** Routines with a version stored but not yet acknowledged on the topic. */
    public java.util.Set<String> unannounced() {
        return versions.find("announced", Sort.ascending("routineId", "version"), false).list().stream()
                .map(v -> v.routineId).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /**
     * Stores a new version and moves the head to it. False when that version
     * number exists already (someone else published it first).
     */
    public boolean insertVersion(Routine routine) {
        RoutineVersionEntity entity = new RoutineVersionEntity();
        entity.id = RoutineVersionEntity.key(routine.id(), routine.version());
        entity.routineId = routine.id();
        entity.version = routine.version();
        entity.publishedAt = Date.from(routine.publishedAt());
        entity.announced = false;
        entity.body = write(routine);
        try {
            versions.persist(entity);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        // The head only moves forward, whatever order two writers get here in.
        heads.mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", routine.id()), Filters.lt("latest", routine.version())),
                Updates.combine(Updates.set("latest", routine.version()), Updates.set("body", entity.body)));
        if (heads.findByIdOptional(routine.id()).isEmpty()) {
            RoutineHeadEntity head = new RoutineHeadEntity();
            head.id = routine.id();
            head.latest = routine.version();
            head.body = entity.body;
            try {
                heads.persist(head);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        return true;
    }

    public void markAnnounced(String id, int version, Instant at, int recordShape) {
        versions.mongoCollection().updateOne(Filters.eq("_id", RoutineVersionEntity.key(id, version)),
                Updates.combine(Updates.set("announced", true), Updates.set("announcedAt", Date.from(at)),
                        Updates.set("recordShape", recordShape)));
    }

    /**
     * Routines whose newest version was announced in an older shape of the record than
     * {@code shape}: marked unannounced again, so the outbox sends it in the current shape (the
     * compacted topic keeps only a routine's newest record, and that one carries every version).
     */
    public java.util.Set<String> reannounceOlderShapes(int shape) {
        java.util.Map<String, RoutineVersionEntity> newest = new java.util.TreeMap<>();
        for (RoutineVersionEntity v : versions.listAll()) {
            newest.merge(v.routineId, v, (a, b) -> a.version >= b.version ? a : b);
        }
        java.util.Set<String> stale = new java.util.LinkedHashSet<>();
        newest.values().stream().filter(v -> v.announced && (v.recordShape == null || v.recordShape < shape)).forEach(v -> {
            versions.mongoCollection().updateOne(Filters.eq("_id", v.id), Updates.set("announced", false));
            stale.add(v.routineId);
        });
        return stale;
    }

    private Document write(Object value) {
        try {
            return Document.parse(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(Document doc, Class<T> type) {
        try {
            return json.readValue(doc.toJson(), type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

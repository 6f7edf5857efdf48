package dev.sukha.routine.store;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;

/** The latest published version of a routine, whole, keyed by routine id: what queries read. */
@MongoEntity(collection = "routine_heads")
public class RoutineHeadEntity {
    @BsonId
    public String id;
    public int latest;
    public Document body;
}

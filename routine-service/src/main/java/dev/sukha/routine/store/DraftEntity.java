package dev.sukha.routine.store;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;

import java.util.Date;

/** An editor's working copy of a routine, keyed by routine id. */
@MongoEntity(collection = "routine_drafts")
public class DraftEntity {
    @BsonId
    public String id;
    public Document body;
    public Date updatedAt;
    public String updatedBy;
}

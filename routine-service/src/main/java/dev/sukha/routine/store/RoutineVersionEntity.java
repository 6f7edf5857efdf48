package dev.sukha.routine.store;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;

import java.util.Date;

/**
 * A published version, keyed {@code <routineId>@<version>} so that two publishers
 * racing for the same number cannot both win. {@code announced} is the outbox
 * flag: false until the broker acknowledged the version on the routines topic.
 */
@MongoEntity(collection = "routine_versions")
public class RoutineVersionEntity {
    @BsonId
    public String id;
    public String routineId;
    public int version;
    public Date publishedAt;
    public boolean announced;
    /** The shape of the record last announced for it (see RoutineRecord.SHAPE); null before shapes were counted. */
    public Integer recordShape;
    public Document body;

    public static String key(String routineId, int version) {
        return routineId + "@" + version;
    }
}

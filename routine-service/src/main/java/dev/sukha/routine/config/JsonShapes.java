package dev.sukha.routine.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.routine.domain.Hold;
import dev.sukha.routine.domain.Pose;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How the domain's values are written as JSON, said here rather than on them (the domain knows no JSON): a hold and
 * a pose leave out what they do not have — a hold in breaths has no seconds, a pose without a gentler option none —
 * in the API, in the catalogue's records and in the store alike.
 */
@Singleton
public class JsonShapes implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** The same shapes on any mapper (the tests' own, for one). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        JsonInclude.Value leaveOutNulls = JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL);
        mapper.configOverride(Hold.class).setInclude(leaveOutNulls);
        mapper.configOverride(Pose.class).setInclude(leaveOutNulls);
        return mapper;
    }
}

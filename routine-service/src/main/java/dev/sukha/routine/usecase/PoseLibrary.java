package dev.sukha.routine.usecase;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.routine.domain.FieldError;
import dev.sukha.routine.domain.Pose;
import dev.sukha.routine.domain.RoutineRules;
import dev.sukha.routine.domain.Vocabulary;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pose library, shipped as {@code catalogue/poses.json} and checked when the service starts. */
@ApplicationScoped
public class PoseLibrary {

    static final String FILE = "catalogue/poses.json";

    private final Map<String, Pose> poses;

    public PoseLibrary(ObjectMapper json) {
        this.poses = load(json);
    }

    public Map<String, Pose> all() {
        return poses;
    }

    public Optional<Pose> find(String id) {
        return Optional.ofNullable(poses.get(id));
    }

    public static Map<String, Pose> load(ObjectMapper json) {
        List<Pose> list;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("The pose library " + FILE + " is missing from the classpath");
            }
            list = json.readValue(in, new TypeReference<List<Pose>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException(FILE + " is not a valid pose list: " + e.getMessage(), e);
        }
        Map<String, Pose> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Pose pose = list.get(i);
            List<FieldError> errors = new ArrayList<>();
            if (pose.id() == null || !RoutineRules.SLUG.matcher(pose.id()).matches()) {
                errors.add(new FieldError("id", "must be a slug"));
            } else if (byId.putIfAbsent(pose.id(), pose) != null) {
                errors.add(new FieldError("id", "'" + pose.id() + "' is defined twice"));
            }
            RoutineRules.text(errors, "name", pose.name(), 120);
            RoutineRules.words(errors, "areas", pose.areas(), Vocabulary.AREAS, true);
            if (pose.cues().isEmpty()) {
                errors.add(new FieldError("cues", "must have at least one cue"));
            }
            RoutineRules.options(errors, "options", pose.options());
            for (FieldError e : errors) {
                problems.add("[" + i + "]." + e.field() + ": " + e.message());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(FILE + " is invalid: " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(byId);
    }
}

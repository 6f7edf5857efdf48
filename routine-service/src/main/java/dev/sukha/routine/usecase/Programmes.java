package dev.sukha.routine.usecase;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.routine.domain.FieldError;
import dev.sukha.routine.domain.Programme;
import dev.sukha.routine.domain.ProgrammeDraft;
import dev.sukha.routine.domain.ProgrammeRules;
import dev.sukha.routine.store.ProgrammeStore;
import dev.sukha.routine.store.RoutineStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue's programmes: shipped as files ({@code catalogue/programmes/*.json}, listed in its {@code index.json}),
 * each checked against the published routines; a file that differs from the programme's latest version is published as
 * the next version, stored first and then announced, like a routine. Until the broker acknowledges a version it stays
 * unannounced and {@link OutboxRetry} sends it again.
 */
@ApplicationScoped
public class Programmes {

    static final String INDEX = "catalogue/programmes/index.json";

    private final ProgrammeStore store;
    private final RoutineStore routines;
    private final ProgrammeAnnouncements announcer;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public Programmes(ProgrammeStore store, RoutineStore routines, ProgrammeAnnouncements announcer, ObjectMapper json) {
        this.store = store;
        this.routines = routines;
        this.announcer = announcer;
        this.json = json;
    }

    public List<Programme> all() {
        return store.allLatest();
    }

    public Optional<Programme> latest(String id) {
        return store.latest(id);
    }

    public Optional<Programme> version(String id, int version) {
        return store.version(id, version);
    }

    public List<FieldError> check(ProgrammeDraft draft) {
        return ProgrammeRules.check(draft, routines::latest);
    }

    /** Publishes every shipped programme that differs from its latest version; after the routines are published. */
    void loadShipped() {
        int published = 0;
        List<ProgrammeDraft> shipped = readAll();
        for (ProgrammeDraft draft : shipped) {
            Optional<Programme> latest = store.latest(draft.id());
            if (latest.isPresent() && latest.get().asDraft().equals(draft)) {
                continue;
            }
            Programme next = Programme.freeze(draft, latest.map(p -> p.version() + 1).orElse(1), Instant.now(clock));
            if (store.insert(next)) {
                published++;
            }
        }
        Log.infof("Catalogue: %d shipped programmes, %d versions published now", shipped.size(), published);
        announcePending();
    }

    /** Announces, oldest first, every version of every programme not yet acknowledged; stops at the first failure. */
    public synchronized void announcePending() {
        for (String id : store.unannounced()) {
            for (Map.Entry<Programme, Boolean> v : store.history(id)) {
                if (!v.getValue()) {
                    announcer.announce(v.getKey());
                    store.markAnnounced(id, v.getKey().version(), Instant.now(clock));
                    Log.infof("Announced programme %s version %d", id, v.getKey().version());
                }
            }
        }
    }

    /** Reads and checks every shipped programme; throws naming the first bad file and all its errors. */
    List<ProgrammeDraft> readAll() {
        List<ProgrammeDraft> drafts = new ArrayList<>();
        for (String file : CatalogueLoader.read(json, INDEX, new TypeReference<List<String>>() {
        })) {
            String path = "catalogue/programmes/" + file;
            ProgrammeDraft draft = CatalogueLoader.read(json, path, new TypeReference<ProgrammeDraft>() {
            });
            List<FieldError> errors = check(draft);
            if (!errors.isEmpty()) {
                throw new IllegalStateException(path + " is not a valid programme: " + errors.stream()
                        .map(e -> e.field() + ": " + e.message()).toList());
            }
            drafts.add(draft);
        }
        return drafts;
    }
}

package dev.sukha.routine.usecase;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.routine.domain.FieldError;
import dev.sukha.routine.domain.RoutineDraft;
import dev.sukha.routine.store.RoutineStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Loads the shipped routines ({@code catalogue/routines/*.json}, listed in
 * {@code catalogue/routines/index.json}) at start. Every file is checked first:
 * one bad file stops the service with a message naming the file and the field.
 * A routine with no published version yet is published as version 1.
 */
@ApplicationScoped
public class CatalogueLoader {

    static final String INDEX = "catalogue/routines/index.json";

    private final ObjectMapper json;
    private final Catalogue catalogue;
    private final RoutineStore store;
    private final Announcements announcements;
    private final Programmes programmes;

    public CatalogueLoader(ObjectMapper json, Catalogue catalogue, RoutineStore store, Announcements announcements,
                           Programmes programmes) {
        this.programmes = programmes;
        this.json = json;
        this.catalogue = catalogue;
        this.store = store;
        this.announcements = announcements;
    }

    void onStart(@Observes StartupEvent event) {
        List<RoutineDraft> shipped = readAll(json, catalogue::check);
        int published = 0;
        for (RoutineDraft draft : shipped) {
            if (store.latest(draft.id()).isPresent()) {
                continue;
            }
            store.saveDraft(draft, "catalogue");
            try {
                catalogue.publish(draft.id());
                published++;
            } catch (Announcements.NotAnnounced e) {
                // Stored; the outbox retry announces it once the broker answers.
                Log.warnf("Routine %s stored but not yet announced: %s", draft.id(), e.getMessage());
            } catch (Catalogue.Conflict e) {
                Log.infof("Routine %s was published by another instance", draft.id());
            }
        }
        Log.infof("Catalogue: %d shipped routines, %d published now", shipped.size(), published);
        java.util.Set<String> stale = store.reannounceOlderShapes(announcements.shape());
        for (String id : stale) {
            try {
                catalogue.announcePending(id);
            } catch (Announcements.NotAnnounced e) {
                Log.warnf("Routine %s not yet announced again: %s (the outbox retry will)", id, e.getMessage());
            }
        }
        if (!stale.isEmpty()) {
            Log.infof("Catalogue: %d routines announced again in the record's current shape", stale.size());
        }
        // Programmes name routines: they are checked and published once the routines are.
        try {
            programmes.loadShipped();
        } catch (ProgrammeAnnouncements.NotAnnounced e) {
            Log.warnf("%s (the outbox retry will announce it)", e.getMessage());
        }
    }

    /** Reads and checks every shipped routine; throws naming the first bad file and all its errors. */
    public static List<RoutineDraft> readAll(ObjectMapper json, Function<RoutineDraft, List<FieldError>> rules) {
        List<String> files = read(json, INDEX, new TypeReference<List<String>>() {
        });
        List<RoutineDraft> drafts = new ArrayList<>();
        for (String file : files) {
            String path = "catalogue/routines/" + file;
            RoutineDraft draft = read(json, path, new TypeReference<RoutineDraft>() {
            });
            List<FieldError> errors = rules.apply(draft);
            if (!errors.isEmpty()) {
                throw new IllegalStateException(path + " is not a valid routine: " + errors.stream()
                        .map(e -> e.field() + ": " + e.message()).toList());
            }
            drafts.add(draft);
        }
        return drafts;
    }

    /** A shipped catalogue file, read; throws naming the file when it is missing or unreadable. */
    static <T> T read(ObjectMapper json, String path, TypeReference<T> type) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Catalogue file " + path + " is missing");
            }
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new IllegalStateException("Catalogue file " + path + " is unreadable: " + e.getMessage(), e);
        }
    }
}

package dev.sukha.routine.api;

import dev.sukha.routine.catalogue.Catalogue;
import dev.sukha.routine.domain.FieldError;
import dev.sukha.routine.domain.Routine;
import dev.sukha.routine.domain.RoutineDraft;
import dev.sukha.routine.domain.Vocabulary;
import dev.sukha.routine.store.RoutineStore;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

@Path("/v1/routines")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class RoutineResource {

    private final RoutineStore store;
    private final Catalogue catalogue;
    private final SecurityIdentity identity;

    public RoutineResource(RoutineStore store, Catalogue catalogue, SecurityIdentity identity) {
        this.store = store;
        this.catalogue = catalogue;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Latest published version of each routine matching every filter given")
    public List<Routine.RoutineSummary> list(@QueryParam("focus") String focus, @QueryParam("maxMinutes") String maxMinutes,
                                             @QueryParam("space") String space, @QueryParam("level") String level) {
        List<Problem.Error> errors = new ArrayList<>();
        check(errors, "focus", focus, Vocabulary.AREAS);
        check(errors, "space", space, Vocabulary.SPACES);
        check(errors, "level", level, Vocabulary.LEVELS);
        Integer max = null;
        if (maxMinutes != null) {
            try {
                max = Integer.valueOf(maxMinutes);
                if (max < 1) {
                    errors.add(new Problem.Error("maxMinutes", "must be a positive whole number of minutes"));
                }
            } catch (NumberFormatException e) {
                errors.add(new Problem.Error("maxMinutes", "must be a positive whole number of minutes"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(400, "Unknown filter value.", errors));
        }
        Integer limit = max;
        return store.allLatest().stream()
                .filter(r -> focus == null || r.focus().contains(focus))
                .filter(r -> space == null || r.space().contains(space))
                .filter(r -> level == null || r.level().equals(level))
                .filter(r -> limit == null || r.minutes() <= limit)
                .sorted(Comparator.comparing(Routine::minutes).thenComparing(Routine::id))
                .map(Routine::toSummary)
                .toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The latest published version of a routine, whole")
    public Routine latest(@PathParam("id") String id) {
        return store.latest(id).orElseThrow(() -> ProblemException.notFound("No published routine '" + id + "'."));
    }

    @GET
    @Path("/{id}/versions/{n}")
    @Operation(summary = "One published version of a routine")
    public Routine version(@PathParam("id") String id, @PathParam("n") String n) {
        int version;
        try {
            version = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.invalid(400, "The version must be a whole number.",
                    List.of(new Problem.Error("n", "must be a whole number"))));
        }
        return store.version(id, version)
                .orElseThrow(() -> ProblemException.notFound("Routine '" + id + "' has no version " + n + "."));
    }

    @GET
    @Path("/{id}/draft")
    @RolesAllowed("editor")
    @Operation(summary = "The current draft of a routine (editors)")
    public RoutineDraft draft(@PathParam("id") String id) {
        return store.draft(id).orElseThrow(() -> ProblemException.notFound("Routine '" + id + "' has no draft."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("editor")
    @Operation(summary = "Create (201) or replace (200) the draft of a routine (editors)")
    public Response saveDraft(RoutineDraft draft, @Context UriInfo uri) {
        if (draft == null) {
            throw ProblemException.badRequest("Send the routine draft as a JSON object.");
        }
        List<FieldError> errors = catalogue.check(draft);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(422, "The routine breaks " + errors.size() + " rule(s).",
                    errors.stream().map(e -> new Problem.Error(e.field(), e.message())).toList()));
        }
        boolean created = store.saveDraft(draft, identity.getPrincipal().getName());
        return Response.status(created ? 201 : 200)
                .location(uri.getBaseUriBuilder().path("v1/routines/{id}/draft").build(draft.id()))
                .entity(draft).build();
    }

    @POST
    @Path("/{id}/publish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("editor")
    @Operation(summary = "Freeze the draft as version n+1 and announce it on the routines topic (editors)")
    public Response publish(@PathParam("id") String id, @Context UriInfo uri) {
        Catalogue.Published published = catalogue.publish(id);
        Routine routine = published.routine();
        return Response.status(201)
                .location(uri.getBaseUriBuilder().path("v1/routines/{id}/versions/{n}").build(id, routine.version()))
                .entity(routine).build();
    }

    private static void check(List<Problem.Error> errors, String name, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(new Problem.Error(name, "unknown value '" + value + "': use one of " + allowed));
        }
    }
}

package dev.sukha.routine.api;

import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.platform.problem.ProblemException;
import dev.sukha.platform.problem.PublicLinks;
import dev.sukha.platform.problem.Problem;
import dev.sukha.routine.usecase.Catalogue;
import dev.sukha.routine.domain.FieldError;
import dev.sukha.routine.domain.Routine;
import dev.sukha.routine.domain.RoutineDraft;
import dev.sukha.routine.domain.Vocabulary;
import dev.sukha.routine.store.RoutineStore;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

@Path("/v1/routines")
@RolesAllowed({"user", "editor", "operator"})
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "routines", description = "The catalogue's routines: browse the published versions; editors write drafts and publish them.")
public class RoutineResource {

    private static final String ROUTINE_ID = "The routine's id, a slug like `upper-back-release`.";

    private final RoutineStore store;
    private final Catalogue catalogue;
    private final SecurityIdentity identity;
    private final PublicLinks links;

    public RoutineResource(RoutineStore store, Catalogue catalogue, SecurityIdentity identity, PublicLinks links) {
        this.links = links;
        this.store = store;
        this.catalogue = catalogue;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "listRoutines", summary = "Find routines",
            description = "A summary of the latest published version of each routine matching every filter given, shortest first.")
    @APIResponse(responseCode = "200", description = "The routines that match.")
    @APIResponse(responseCode = "400", description = "A filter value that is not one of the catalogue's words.")
    public List<Routine.RoutineSummary> list(
            @Parameter(description = "A body area the routine focuses on.", schema = @Schema(enumeration = {"neck", "shoulders",
                    "upper_back", "mid_back", "lower_back", "hips", "knees", "feet", "wrists", "jaw", "chest", "tailbone"}))
            @QueryParam("focus") String focus,
            @Parameter(description = "At most this many minutes.", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @QueryParam("maxMinutes") String maxMinutes,
            @Parameter(description = "A place the routine fits.", schema = @Schema(enumeration = {"mat", "chair", "bed", "standing"}))
            @QueryParam("space") String space,
            @Parameter(description = "How demanding.", schema = @Schema(enumeration = {"gentle", "moderate", "strong"}))
            @QueryParam("level") String level) {
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
    @Operation(operationId = "getRoutine", summary = "A routine, whole",
            description = "The latest published version of a routine: its steps with poses, sides, holds, cues and options.")
    @APIResponse(responseCode = "200", description = "The routine.")
    @APIResponse(responseCode = "404", description = "No published routine with this id.")
    public Routine latest(@Parameter(description = ROUTINE_ID) @PathParam("id") String id) {
        return store.latest(id).orElseThrow(() -> ProblemException.notFound("No published routine '" + id + "'."));
    }

    @GET
    @Path("/{id}/versions/{n}")
    @Operation(operationId = "getRoutineVersion", summary = "One version of a routine",
            description = "A published version of a routine, as it was published: versions never change.")
    @APIResponse(responseCode = "200", description = "The version.")
    @APIResponse(responseCode = "400", description = "A version that is not a whole number.")
    @APIResponse(responseCode = "404", description = "No such routine or version.")
    public Routine version(@Parameter(description = ROUTINE_ID) @PathParam("id") String id,
                           @Parameter(description = "The version, from 1.", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
                           @PathParam("n") String n) {
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
    @Operation(operationId = "getRoutineDraft", summary = "A routine's draft",
            description = "The draft an editor is working on, not yet published. Editors only.")
    @APIResponse(responseCode = "200", description = "The draft.")
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "404", description = "No draft of this routine.")
    public RoutineDraft draft(@Parameter(description = ROUTINE_ID) @PathParam("id") String id) {
        return store.draft(id).orElseThrow(() -> ProblemException.notFound("Routine '" + id + "' has no draft."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("editor")
    @Budgeted(Budget.WRITES)
    @Operation(operationId = "saveRoutineDraft", summary = "Write a routine's draft",
            description = "Creates (201) or replaces (200) the draft of the routine with the body's `id`. Every rule is "
                    + "checked; a draft that breaks any is refused with every error by field. Editors only.")
    @APIResponse(responseCode = "200", description = "The draft replaced.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutineDraft.class)))
    @APIResponse(responseCode = "201", description = "The draft created.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutineDraft.class)))
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "422", description = "The draft breaks rules; every error by field.")
    public Response saveDraft(RoutineDraft draft) {
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
                .header("Location", links.to("/v1/routines/" + draft.id() + "/draft"))
                .entity(draft).build();
    }

    @POST
    @Path("/{id}/publish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("editor")
    @Budgeted(Budget.WRITES)
    @Operation(operationId = "publishRoutine", summary = "Publish a routine's draft",
            description = "Freezes the draft as the next version and announces it to the other services. A version is stored "
                    + "first: when the announcement is not acknowledged the answer is 503 and it is retried (by a retried "
                    + "publish, and in the background). Editors only.")
    @APIResponse(responseCode = "201", description = "The published version.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Routine.class)))
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "404", description = "No draft of this routine.")
    @APIResponse(responseCode = "409", description = "Nothing new to publish, or someone else published this version just now.")
    @APIResponse(responseCode = "422", description = "The draft breaks rules; every error by field.")
    public Response publish(@Parameter(description = ROUTINE_ID) @PathParam("id") String id) {
        Catalogue.Published published = catalogue.publish(id);
        Routine routine = published.routine();
        return Response.status(201)
                .header("Location", links.to("/v1/routines/" + id + "/versions/" + routine.version()))
                .entity(routine).build();
    }

    private static void check(List<Problem.Error> errors, String name, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(new Problem.Error(name, "unknown value '" + value + "': use one of " + allowed));
        }
    }
}

package dev.sukha.insights.api;

import dev.sukha.insights.domain.Figure;
import dev.sukha.insights.domain.Intake;
import dev.sukha.insights.domain.SafetyScreen;
import dev.sukha.insights.usecase.Intakes;
import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** The signed-in person's intake and safety screen, and a clinician's clearance. */
@Path("/v1/me/intake")
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "me", description = "The signed-in person's own figures, in their own calendar.")
public class IntakeResource {

    static final String EXAMPLE = "{\"areas\": [\"upper_back\", \"neck\"], \"pain\": {\"upper_back\": 5, \"neck\": 3}, "
            + "\"duration\": \"WEEKS_6_TO_12\", \"spaces\": [\"mat\", \"chair\"], \"minutesPerDay\": 10, \"daysPerWeek\": 4, "
            + "\"redFlags\": []}";

    private final Intakes intakes;
    private final JsonWebToken jwt;

    public IntakeResource(Intakes intakes, JsonWebToken jwt) {
        this.intakes = intakes;
        this.jwt = jwt;
    }

    /** An intake as sent: values as text, so that a wrong one is a 422 that names its field. */
    @Schema(name = "NewIntake", requiredProperties = {"areas", "pain", "duration", "spaces", "minutesPerDay", "daysPerWeek", "redFlags"})
    public record NewIntake(
            @Schema(description = "Body areas that hurt, at least one (e.g. `upper_back`).") List<String> areas,
            @Schema(description = "Pain now, 0 to 10, for each area named.") Map<String, Integer> pain,
            @Schema(enumeration = {"UNDER_6_WEEKS", "WEEKS_6_TO_12", "OVER_12_WEEKS"}, description = "How long it has lasted.") String duration,
            @Schema(description = "Where the person can practise, at least one of `mat`, `chair`, `bed`, `standing`.") List<String> spaces,
            @Schema(enumeration = {"5", "10", "15", "20", "30"}, description = "Minutes a day.") Integer minutesPerDay,
            @Schema(minimum = "1", maximum = "7", description = "Days a week; also the weekly goal from this week on.") Integer daysPerWeek,
            @Schema(description = "The safety screen's codes answered yes; `[]` when none.") List<String> redFlags) {

        Intake.Form form() {
            return new Intake.Form(areas, pain, duration, spaces, minutesPerDay, daysPerWeek, redFlags);
        }
    }

    /** The body of {@code POST /v1/me/intake/clearance}. */
    @Schema(name = "NewClearance", requiredProperties = "clearedOn")
    public record NewClearance(@Schema(format = "date", description = "The day a clinician cleared the person to exercise; "
            + "not after today, at most a year back.", example = "2026-12-01") String clearedOn) {
    }

    @Schema(name = "Safety")
    public record SafetyView(
            @Schema(required = true, enumeration = {"NO_INTAKE", "URGENT_CARE", "SEE_CLINICIAN", "PRACTISE"}) String status,
            @Schema(required = true, description = "The answers behind the status.") List<String> flags,
            @Schema(required = true, description = "Why, in plain words; advice, not a diagnosis.") List<String> reasons) {

        static SafetyView of(SafetyScreen.Outcome o) {
            return new SafetyView(o.status().name(), o.flags().stream().map(Enum::name).sorted().toList(), o.reasons());
        }
    }

    /** The intake as sent (with the day it was taken), the clearance if any, and the safety screen's outcome. */
    @Schema(name = "Intake")
    public record IntakeView(@Schema(required = true) List<String> areas, @Schema(required = true) Map<String, Integer> pain,
                             @Schema(required = true) String duration, @Schema(required = true) List<String> spaces,
                             @Schema(required = true) int minutesPerDay, @Schema(required = true) int daysPerWeek,
                             @Schema(required = true) List<String> redFlags,
                             @Schema(required = true, format = "date", description = "The day it was taken, in the person's zone.") String takenOn,
                             @Schema(description = "The clinician's clearance recorded, if any.") Intakes.ClearanceAnswers clearance,
                             @Schema(required = true) SafetyView safety) {

        static IntakeView of(Intakes.Kept kept) {
            if (kept.intake() == null) {
                throw ProblemException.notFound("No intake yet: send one with PUT /v1/me/intake.");
            }
            Intakes.IntakeAnswers a = Intakes.IntakeAnswers.of(kept.intake());
            return new IntakeView(a.areas(), a.pain(), a.duration(), a.spaces(), a.minutesPerDay(), a.daysPerWeek(), a.redFlags(),
                    a.takenOn(), Intakes.ClearanceAnswers.of(kept.clearance()), SafetyView.of(kept.safety()));
        }
    }

    @GET
    @Tagged(Figure.INTAKE)
    @Budgeted(Budget.READS)
    @Operation(operationId = "getMyIntake", summary = "My intake and safety screen",
            description = "The intake as last sent, the clearance if one is recorded, and what the safety screen makes of "
                    + "them: `PRACTISE`, `SEE_CLINICIAN` (no practice until a clearance covers the answers) or `URGENT_CARE`.")
    @APIResponse(responseCode = "200", description = "The intake.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeView.class)))
    @APIResponse(responseCode = "404", description = "No intake yet.")
    public IntakeView get() {
        return IntakeView.of(intakes.read(jwt.getSubject()));
    }

    @PUT
    @Budgeted(Budget.WRITES)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putMyIntake", summary = "Take the intake (again)",
            description = "Replaces the intake. Its `daysPerWeek` becomes the weekly goal from this week on. A clearance "
                    + "recorded before still covers the answers it covered; a new answer that calls for a clinician needs a "
                    + "new one.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewIntake.class), examples = @ExampleObject(name = "clear", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Kept; the intake and its safety screen.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeView.class)))
    @APIResponse(responseCode = "422", description = "A field missing or out of its values (an unknown area, pain over 10, no "
            + "areas...); every error by field; nothing was kept.")
    public IntakeView put(NewIntake body, @Parameter(description = Params.ZONE) @QueryParam("zone") String zone) {
        if (body == null) {
            throw ProblemException.badRequest("Send an intake, e.g. " + EXAMPLE);
        }
        return IntakeView.of(intakes.put(jwt.getSubject(), body.form(), zone));
    }

    @POST
    @Budgeted(Budget.WRITES)
    @Path("/clearance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "clearMe", summary = "Record a clinician's clearance",
            description = "Records that a clinician cleared the person to exercise, covering the intake's answers that call "
                    + "for a clinician. It never lifts an answer that calls for urgent care.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewClearance.class)))
    @APIResponse(responseCode = "200", description = "Recorded; the intake and its safety screen.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeView.class)))
    @APIResponse(responseCode = "409", description = "No intake yet, or its answers call for urgent care.")
    @APIResponse(responseCode = "422", description = "`clearedOn` missing, malformed, after today or over a year back.")
    public IntakeView clear(NewClearance body, @Parameter(description = Params.ZONE) @QueryParam("zone") String zone) {
        if (body == null) {
            throw ProblemException.badRequest("Send {\"clearedOn\": \"2026-12-01\"}.");
        }
        return IntakeView.of(intakes.clear(jwt.getSubject(), body.clearedOn(), zone));
    }
}

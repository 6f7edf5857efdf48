package dev.sukha.insights.api;

import dev.sukha.insights.domain.Figure;
import dev.sukha.insights.domain.NextSession;
import dev.sukha.insights.usecase.TodaysSession;
import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The signed-in person's programme, and today's session in it. */
@Path("/v1/me")
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "me", description = "The signed-in person's own figures, in their own calendar.")
public class ProgrammeResource {

    private final TodaysSession todays;
    private final JsonWebToken jwt;

    public ProgrammeResource(TodaysSession todays, JsonWebToken jwt) {
        this.todays = todays;
        this.jwt = jwt;
    }

    @Schema(name = "ProgrammeChoice", requiredProperties = "programmeId")
    public record Choice(@Schema(description = "The programme to follow, e.g. `upper-back`.") String programmeId,
                         @Schema(format = "date", description = "Optional: the day the person began following it, up to 42 days "
                                 + "back (their sessions since then count); today by default.") String startedOn) {
    }

    @Schema(name = "Enrolment")
    public record EnrolmentView(@Schema(required = true) String programmeId,
                                @Schema(required = true, format = "date", description = "The day it started, in the person's zone.") String startedOn,
                                @Schema(required = true, description = "The stage it started on.") int startStage) {
    }

    @Schema(name = "NextProgramme")
    public record ProgrammeView(@Schema(required = true) String id, @Schema(required = true) int version,
                                @Schema(required = true) String title, @Schema(required = true) int stage,
                                @Schema(required = true) String stageTitle, @Schema(required = true) int stages,
                                @Schema(required = true, description = "Completed sessions since this stage began.") int sessionsAtStage) {
    }

    @Schema(name = "NextRoutine")
    public record RoutineView(@Schema(required = true) String id, @Schema(required = true) int version,
                              @Schema(required = true) String title, @Schema(required = true) int minutes) {
    }

    @Schema(name = "NextStep")
    public record StepView(@Schema(required = true, description = "Index into the routine version's steps.") int step,
                           @Schema(required = true) String pose,
                           @Schema(required = true, enumeration = {"left", "right", "both", "none"}) String side,
                           @Schema(required = true, enumeration = {"GENTLER", "FULL"}) String variant) {
    }

    @Schema(name = "NextSession")
    public record NextView(@Schema(required = true, enumeration = {"PRACTISE", "URGENT_CARE", "SEE_CLINICIAN", "NO_INTAKE"}) String status,
                           @Schema(description = "The programme followed; absent when none.") ProgrammeView programme,
                           @Schema(description = "Today's routine; absent when practice is not offered or nothing fits.") RoutineView routine,
                           @Schema(required = true) List<StepView> steps,
                           @Schema(required = true, description = "Why, in plain words.") List<String> reasons) {

        static NextView of(NextSession.Answer a) {
            NextSession.ProgrammeState p = a.programme();
            return new NextView(a.status().name(),
                    p == null ? null : new ProgrammeView(p.id(), p.version(), p.title(), p.stage(), p.stageTitle(), p.stages(),
                            p.sessionsAtStage()),
                    a.routine() == null ? null : new RoutineView(a.routine().id(), a.routine().version(), a.routine().title(),
                            a.routine().minutes()),
                    a.steps().stream().map(s -> new StepView(s.step(), s.pose(), s.side(), s.variant().name())).toList(),
                    a.reasons());
        }
    }

    @GET
    @Path("/next")
    @Tagged(Figure.NEXT)
    @Budgeted(Budget.READS)
    @Operation(operationId = "getMyNextSession", summary = "Today's session",
            description = "What to practise today in the programme followed: the routine (within the intake's places and "
                    + "minutes), each step's variant, the stage, and why. `status` is `URGENT_CARE` or `SEE_CLINICIAN` when the "
                    + "safety screen says not to practise, `NO_INTAKE` before the intake. The same sessions give the same "
                    + "answer whatever order they arrived in.")
    @APIResponse(responseCode = "200", description = "Today's session.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NextView.class)))
    @APIResponse(responseCode = "400", description = "An unknown zone.")
    public NextView next(@Parameter(description = Params.ZONE) @QueryParam("zone") String zone) {
        return NextView.of(todays.next(jwt.getSubject(), zone));
    }

    @PUT
    @Path("/programme")
    @Budgeted(Budget.WRITES)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "followProgramme", summary = "Follow a programme",
            description = "Starts the programme (in place of the one followed, if any) at its first stage, or the second "
                    + "when the intake's pain is below 4 and has lasted over 12 weeks. Only sessions from its start (now, or "
                    + "the start of `startedOn`) move it.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Choice.class)))
    @APIResponse(responseCode = "200", description = "Followed from now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolmentView.class)))
    @APIResponse(responseCode = "422", description = "No such programme, or `startedOn` not a date from 42 days back to today.")
    public EnrolmentView follow(Choice body, @Parameter(description = Params.ZONE) @QueryParam("zone") String zone) {
        if (body == null) {
            throw ProblemException.badRequest("Send {\"programmeId\": \"upper-back\"}.");
        }
        NextSession.Enrolment e = todays.enrol(jwt.getSubject(), body.programmeId(), body.startedOn(), zone);
        return new EnrolmentView(e.programmeId(), e.startedOn().toString(), e.startStage());
    }

    @DELETE
    @Path("/programme")
    @Budgeted(Budget.WRITES)
    @Operation(operationId = "leaveProgramme", summary = "Leave the programme",
            description = "Stops following a programme; every routine stays free to practise. Taking the intake again starts "
                    + "the best match.")
    @APIResponse(responseCode = "204", description = "Left (or none was followed).")
    public void leave() {
        todays.leave(jwt.getSubject());
    }
}

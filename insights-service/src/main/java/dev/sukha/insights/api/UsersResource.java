package dev.sukha.insights.api;

import dev.sukha.insights.domain.Figure;
import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.insights.domain.Asymmetry;
import dev.sukha.insights.domain.Insights;
import dev.sukha.insights.domain.PoseDiscomfort;
import dev.sukha.insights.usecase.AccessRecords;
import dev.sukha.insights.usecase.ClinicalReport;
import dev.sukha.insights.usecase.Erasure;
import dev.sukha.insights.usecase.Export;
import dev.sukha.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import dev.sukha.insights.usecase.Figures;
import dev.sukha.insights.usecase.Intakes;
import dev.sukha.insights.usecase.TodaysSession;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Any person's figures and data, for operators; everyone else gets 403 whatever the user id. Every operation is
 * recorded in the person's access log before it runs ({@link Looked}).
 */
@Path("/v1/users/{userId}")
@RolesAllowed("operator")
@Looked
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "operators", description = "Any person's figures, and the projection's upkeep; operators only.")
public class UsersResource {

    private final Figures figures;
    private final Erasure erasure;
    private final Export export;
    private final ClinicalReport report;
    private final AccessRecords access;
    private final Intakes intakes;
    private final TodaysSession todays;
    private final JsonWebToken jwt;
    private final SecurityIdentity identity;

    public UsersResource(Figures figures, Erasure erasure, Export export, ClinicalReport report, AccessRecords access,
                         Intakes intakes, TodaysSession todays, JsonWebToken jwt, SecurityIdentity identity) {
        this.todays = todays;
        this.intakes = intakes;
        this.identity = identity;
        this.figures = figures;
        this.export = export;
        this.report = report;
        this.access = access;
        this.erasure = erasure;
        this.jwt = jwt;
    }

    @DELETE
    @Budgeted(Budget.OPERATORS)
    @Operation(operationId = "eraseUser", summary = "Erase a person",
            description = "As eraseMe, on a person's behalf (a request that reached support). The same answer whether or not "
                    + "the person has data; the audit log names the operator." + Params.OPERATORS)
    @APIResponse(responseCode = "202", description = "Erased.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Erasure.Receipt.class)))
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public Response erase(@Parameter(description = Params.USER) @PathParam("userId") String user) {
        return Response.accepted(erasure.erase(user, "operator " + jwt.getSubject())).build();
    }

    @GET
    @Tagged(Figure.EXPORT)
    @Budgeted(Budget.OPERATORS)
    @Path("/export")
    @Produces({MediaType.APPLICATION_JSON, PersonalDataResource.CSV})
    @Operation(operationId = "exportUserData", summary = "Everything recorded for a person",
            description = "As exportMyData, for a person who asked support for a copy." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The person's data.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Export.Everything.class)),
            @Content(mediaType = PersonalDataResource.CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public Response export(@Parameter(description = Params.USER) @PathParam("userId") String user, @Context HttpHeaders headers) {
        return PersonalDataResource.export(export, user, headers);
    }

    @GET
    @Tagged(Figure.REPORT)
    @Budgeted(Budget.OPERATORS)
    @Path("/report")
    @Produces({PersonalDataResource.FHIR_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getUserClinicalReport", summary = "A person's report for their clinician (HL7 FHIR R4)",
            description = "As getMyClinicalReport, for a clinician the person named to support." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The FHIR Bundle.",
            content = @Content(mediaType = PersonalDataResource.FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "A date that is not one, from after to, or more than five years.")
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public Response report(@Parameter(description = Params.USER) @PathParam("userId") String user,
                           @Parameter(description = "First local date, YYYY-MM-DD (default: 89 days before to).",
                                   schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
                           @Parameter(description = "Last local date, YYYY-MM-DD (default: today).",
                                   schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
                           @Context HttpHeaders headers) {
        return PersonalDataResource.report(report, user, from, to, headers);
    }

    @GET
    @Authenticated
    @Budgeted(Budget.OPERATORS)
    @Path("/access-log")
    @Operation(operationId = "getUserAccessLog", summary = "Who looked at a person's data",
            description = "As getMyAccessLog, with the date of each erasure of the person (all that stays of an erased "
                    + "person's log); reading it is itself recorded." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "A page of the log.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessRecords.Page.class)))
    @APIResponse(responseCode = "404", description = "Not an operator: as for a log that does not exist.")
    @APIResponse(responseCode = "422", description = "A page size out of 1..100, or a cursor this service did not give.")
    public AccessRecords.Page accessLog(@Parameter(description = Params.USER) @PathParam("userId") String user,
                                        @Parameter(description = AccessLogParams.LIMIT) @QueryParam("limit") String limit,
                                        @Parameter(description = AccessLogParams.BEFORE) @QueryParam("before") String before) {
        // A log is looked up by its person's id: to anyone but an operator it does not exist (not even theirs, here).
        if (!identity.hasRole("operator")) {
            throw ProblemException.notFound("There is nothing at this address.");
        }
        return access.forOperator(user, limit, before);
    }

    @GET
    @Tagged(Figure.STREAK)
    @Budgeted(Budget.OPERATORS)
    @Path("/streak")
    @Operation(operationId = "getUserStreak", summary = "A person's streaks", description = "As getMyStreak." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The streaks.")
    @APIResponse(responseCode = "400", description = "An unknown zone.")
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public Insights.StreakView streak(@Parameter(description = Params.USER) @PathParam("userId") String user,
                                      @BeanParam FigureQuery.Zoned query) {
        return figures.streak(user, query.zone);
    }

    @GET
    @Tagged(Figure.WEEK)
    @Budgeted(Budget.OPERATORS)
    @Path("/progress/weekly")
    @Operation(operationId = "getUserWeek", summary = "A person's week", description = "As getMyWeek." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The week.")
    @APIResponse(responseCode = "400", description = "A week or zone that is not one.")
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public Insights.WeekView weekly(@Parameter(description = Params.USER) @PathParam("userId") String user,
                                    @BeanParam FigureQuery.OneWeek query) {
        return figures.week(user, query.week, query.zone);
    }

    @GET
    @Tagged(Figure.TREND)
    @Budgeted(Budget.OPERATORS)
    @Path("/pain-trend")
    @Operation(operationId = "getUserPainTrend", summary = "A person's pain trend and alerts",
            description = "As getMyPainTrend." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The trend and the alerts.")
    @APIResponse(responseCode = "400", description = "Weeks out of 1..52, an unknown area or zone.")
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public Insights.TrendView painTrend(@Parameter(description = Params.USER) @PathParam("userId") String user,
                                        @BeanParam FigureQuery.Trend query) {
        return figures.trend(user, query.weeks, query.area, query.zone);
    }

    @GET
    @Tagged(Figure.RELIEF)
    @Budgeted(Budget.OPERATORS)
    @Path("/routines/relief")
    @Operation(operationId = "getUserReliefByRoutine", summary = "A person's relief per routine",
            description = "As getMyReliefByRoutine." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The routines, best first.")
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public List<Figures.ReliefView> relief(@Parameter(description = Params.USER) @PathParam("userId") String user) {
        return figures.relief(user);
    }

    @GET
    @Tagged(Figure.DISCOMFORT)
    @Budgeted(Budget.OPERATORS)
    @Path("/poses/discomfort")
    @Operation(operationId = "getUserPoseDiscomfort", summary = "How each pose felt to a person",
            description = "As getMyPoseDiscomfort." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The poses, most uncomfortable first.")
    @APIResponse(responseCode = "400", description = "Weeks out of 1..52, or an unknown zone.")
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public List<PoseDiscomfort.Entry> poseDiscomfort(@Parameter(description = Params.USER) @PathParam("userId") String user,
                                                     @BeanParam FigureQuery.LastWeeks query) {
        return figures.poseDiscomfort(user, query.weeks, query.zone);
    }

    @GET
    @Tagged(Figure.ASYMMETRY)
    @Budgeted(Budget.OPERATORS)
    @Path("/asymmetry")
    @Operation(operationId = "getUserAsymmetry", summary = "A person's asymmetric poses",
            description = "As getMyAsymmetry." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The asymmetric poses, largest difference first.")
    @APIResponse(responseCode = "400", description = "Weeks out of 1..52, or an unknown zone.")
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public List<Asymmetry.Entry> asymmetry(@Parameter(description = Params.USER) @PathParam("userId") String user,
                                           @BeanParam FigureQuery.LastWeeks query) {
        return figures.asymmetry(user, query.weeks, query.zone);
    }

    @GET
    @Tagged(Figure.PAUSES)
    @Budgeted(Budget.OPERATORS)
    @Path("/pauses")
    @Operation(operationId = "listUserPauses", summary = "A person's pauses", description = "As listMyPauses." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The pauses, earliest first.",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = PauseResource.PauseView.class)))
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public List<PauseResource.PauseView> pauses(@Parameter(description = Params.USER) @PathParam("userId") String user) {
        return PauseResource.views(figures.pauses(user));
    }

    @GET
    @Tagged(Figure.INTAKE)
    @Budgeted(Budget.OPERATORS)
    @Path("/intake")
    @Operation(operationId = "getUserIntake", summary = "A person's intake and safety screen",
            description = "As getMyIntake." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The intake.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeResource.IntakeView.class)))
    @APIResponse(responseCode = "403", description = "Not an operator.")
    @APIResponse(responseCode = "404", description = "No intake yet.")
    public IntakeResource.IntakeView intake(@Parameter(description = Params.USER) @PathParam("userId") String user) {
        return IntakeResource.IntakeView.of(intakes.read(user));
    }

    @GET
    @Tagged(Figure.NEXT)
    @Budgeted(Budget.OPERATORS)
    @Path("/next")
    @Operation(operationId = "getUserNextSession", summary = "A person's session for today", description = "As getMyNextSession." + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "Today's session.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammeResource.NextView.class)))
    @APIResponse(responseCode = "400", description = "An unknown zone.")
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public ProgrammeResource.NextView next(@Parameter(description = Params.USER) @PathParam("userId") String user,
                                           @Parameter(description = Params.ZONE) @QueryParam("zone") String zone) {
        return ProgrammeResource.NextView.of(todays.next(user, zone));
    }
}

package dev.sukha.insights.api;

import dev.sukha.insights.domain.Figure;
import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.insights.domain.Asymmetry;
import dev.sukha.insights.domain.Insights;
import dev.sukha.insights.domain.PoseDiscomfort;
import dev.sukha.insights.usecase.Figures;
import dev.sukha.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The signed-in person's own figures. */
@Path("/v1/me")
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "me", description = "The signed-in person's own figures, in their own calendar.")
public class MeResource {

    private final Figures figures;
    private final JsonWebToken jwt;

    public MeResource(Figures figures, JsonWebToken jwt) {
        this.figures = figures;
        this.jwt = jwt;
    }

    @GET
    @Tagged(Figure.STREAK)
    @Budgeted(Budget.READS)
    @Path("/streak")
    @Operation(operationId = "getMyStreak", summary = "Streaks and the weekly goal",
            description = "Consecutive practice days ending today (or yesterday while today has none yet), the longest run "
                    + "ever, whether today is practised, the last practice day, this week's goal and the weeks in a row it was met.")
    @APIResponse(responseCode = "200", description = "The streaks.")
    @APIResponse(responseCode = "400", description = "An unknown zone.")
    public Insights.StreakView streak(@BeanParam FigureQuery.Zoned query) {
        return figures.streak(jwt.getSubject(), query.zone);
    }

    @GET
    @Tagged(Figure.WEEK)
    @Budgeted(Budget.READS)
    @Path("/progress/weekly")
    @Operation(operationId = "getMyWeek", summary = "One ISO week's progress",
            description = "The week's practice days against its goal, sessions started, completed and abandoned, minutes, "
                    + "poses completed, and pain before and after (overall and per area).")
    @APIResponse(responseCode = "200", description = "The week.")
    @APIResponse(responseCode = "400", description = "A week or zone that is not one.")
    public Insights.WeekView weekly(@BeanParam FigureQuery.OneWeek query) {
        return figures.week(jwt.getSubject(), query.week, query.zone);
    }

    @GET
    @Tagged(Figure.TREND)
    @Budgeted(Budget.READS)
    @Path("/pain-trend")
    @Operation(operationId = "getMyPainTrend", summary = "Pain week by week, its direction, and safety alerts",
            description = "Per ISO week the mean pain before, after and relief over the sessions rated both times, the "
                    + "least-squares slope of the weekly mean before-pain, its direction, and the safety alerts: PAIN_WORSENING "
                    + "(computed on the overall values whatever area is asked for), then any POSE_PAIN, one per pose. A "
                    + "POSE_PAIN alert names its pose's id in `pose` (an app starts that pose on its gentler option); "
                    + "PAIN_WORSENING has none.")
    @APIResponse(responseCode = "200", description = "The trend and the alerts.")
    @APIResponse(responseCode = "400", description = "Weeks out of 1..52, an unknown area or zone.")
    public Insights.TrendView painTrend(@BeanParam FigureQuery.Trend query) {
        return figures.trend(jwt.getSubject(), query.weeks, query.area, query.zone);
    }

    @GET
    @Tagged(Figure.RELIEF)
    @Budgeted(Budget.READS)
    @Path("/routines/relief")
    @Operation(operationId = "getMyReliefByRoutine", summary = "Which routine helps me most",
            description = "Per routine practised: the sessions rated before and after, their mean relief and the share with "
                    + "meaningful relief (2 points and 30% or more); best first. Routines practised without ratings come last.")
    @APIResponse(responseCode = "200", description = "The routines, best first.")
    public List<Figures.ReliefView> relief() {
        return figures.relief(jwt.getSubject());
    }

    @GET
    @Tagged(Figure.DISCOMFORT)
    @Budgeted(Budget.READS)
    @Path("/poses/discomfort")
    @Operation(operationId = "getMyPoseDiscomfort", summary = "How each pose felt",
            description = "Per pose rated or skipped for pain in the last weeks: its ratings and mean discomfort (0..10), "
                    + "how often it was skipped for pain, and its left and right steps' ratings; most uncomfortable first.")
    @APIResponse(responseCode = "200", description = "The poses, most uncomfortable first.")
    @APIResponse(responseCode = "400", description = "Weeks out of 1..52, or an unknown zone.")
    public List<PoseDiscomfort.Entry> poseDiscomfort(@BeanParam FigureQuery.LastWeeks query) {
        return figures.poseDiscomfort(jwt.getSubject(), query.weeks, query.zone);
    }

    @GET
    @Tagged(Figure.ASYMMETRY)
    @Budgeted(Budget.READS)
    @Path("/asymmetry")
    @Operation(operationId = "getMyAsymmetry", summary = "Poses whose left and right feel different",
            description = "Poses whose left and right steps each have 3 or more ratings in the last weeks and whose mean "
                    + "discomfort differs by 2 or more; the worse side, both means and the difference, largest first.")
    @APIResponse(responseCode = "200", description = "The asymmetric poses, largest difference first.")
    @APIResponse(responseCode = "400", description = "Weeks out of 1..52, or an unknown zone.")
    public List<Asymmetry.Entry> asymmetry(@BeanParam FigureQuery.LastWeeks query) {
        return figures.asymmetry(jwt.getSubject(), query.weeks, query.zone);
    }

    /** The body of {@code PUT /v1/me/goal}. */
    @Schema(name = "WeeklyGoal", requiredProperties = "days")
    public record Goal(@Schema(description = "Practice days a week.", minimum = "1", maximum = "7", example = "4") Integer days) {
    }

    @PUT
    @Budgeted(Budget.WRITES)
    @Path("/goal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setMyGoal", summary = "Set the weekly goal",
            description = "Practice days a week, 1 to 7 (5 by default). It applies from this week on; earlier weeks keep "
                    + "theirs. Answers the streaks with the new goal.")
    @APIResponse(responseCode = "200", description = "The streaks, with the new goal.")
    @APIResponse(responseCode = "422", description = "Days outside 1..7.")
    public Insights.StreakView goal(Goal goal, @BeanParam FigureQuery.Zoned query) {
        if (goal == null) {
            throw ProblemException.badRequest("Send {\"days\": n} with n from 1 to 7.");
        }
        return figures.setGoal(jwt.getSubject(), goal.days(), query.zone);
    }
}

package dev.sukha.insights.api;

import dev.sukha.insights.domain.Insights;
import dev.sukha.insights.usecase.Figures;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;

/** The signed-in person's own figures. */
@Path("/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class MeResource {

    private final Figures figures;
    private final JsonWebToken jwt;

    public MeResource(Figures figures, JsonWebToken jwt) {
        this.figures = figures;
        this.jwt = jwt;
    }

    @GET
    @Path("/streak")
    @Operation(summary = "Current and longest streak, and the weekly goal streak")
    public Insights.StreakView streak(@QueryParam("zone") String zone) {
        return figures.streak(jwt.getSubject(), zone);
    }

    @GET
    @Path("/progress/weekly")
    @Operation(summary = "One ISO week's progress (default: this week)")
    public Insights.WeekView weekly(@QueryParam("week") String week, @QueryParam("zone") String zone) {
        return figures.week(jwt.getSubject(), week, zone);
    }

    @GET
    @Path("/pain-trend")
    @Operation(summary = "Weekly pain before/after, its direction, and safety alerts")
    public Insights.TrendView painTrend(@QueryParam("weeks") String weeks, @QueryParam("area") String area,
                                        @QueryParam("zone") String zone) {
        return figures.trend(jwt.getSubject(), weeks, area, zone);
    }

    @GET
    @Path("/routines/relief")
    @Operation(summary = "Relief per routine practised, best first: which of these works for me")
    public List<Figures.ReliefView> relief() {
        return figures.relief(jwt.getSubject());
    }

    /** The body of {@code PUT /v1/me/goal}. */
    public record Goal(Integer days) {
    }

    @PUT
    @Path("/goal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the weekly goal in days (1..7), from this week on")
    public Insights.StreakView goal(Goal goal, @QueryParam("zone") String zone) {
        if (goal == null) {
            throw ProblemException.badRequest("Send {\"days\": n} with n from 1 to 7.");
        }
        return figures.setGoal(jwt.getSubject(), goal.days(), zone);
    }
}

package dev.sukha.insights.api;

import dev.sukha.insights.domain.Insights;
import dev.sukha.insights.usecase.Figures;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;

/** Any person's figures, for operators; everyone else gets 403 whatever the user id. */
@Path("/v1/users/{userId}")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class UsersResource {

    private final Figures figures;

    public UsersResource(Figures figures) {
        this.figures = figures;
    }

    @GET
    @Path("/streak")
    @Operation(summary = "A person's streak (operators)")
    public Insights.StreakView streak(@PathParam("userId") String user, @QueryParam("zone") String zone) {
        return figures.streak(user, zone);
    }

    @GET
    @Path("/progress/weekly")
    @Operation(summary = "A person's weekly progress (operators)")
    public Insights.WeekView weekly(@PathParam("userId") String user, @QueryParam("week") String week,
                                    @QueryParam("zone") String zone) {
        return figures.week(user, week, zone);
    }

    @GET
    @Path("/pain-trend")
    @Operation(summary = "A person's pain trend and alerts (operators)")
    public Insights.TrendView painTrend(@PathParam("userId") String user, @QueryParam("weeks") String weeks,
                                        @QueryParam("area") String area, @QueryParam("zone") String zone) {
        return figures.trend(user, weeks, area, zone);
    }

    @GET
    @Path("/routines/relief")
    @Operation(summary = "A person's relief per routine (operators)")
    public List<Figures.ReliefView> relief(@PathParam("userId") String user) {
        return figures.relief(user);
    }
}

package dev.sukha.insights.api;

import dev.sukha.insights.domain.Figure;
import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.insights.usecase.AccessRecords;
import dev.sukha.insights.usecase.ClinicalReport;
import dev.sukha.insights.usecase.Erasure;
import dev.sukha.insights.usecase.Export;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A person's own data: to take away, and to hand to a clinician. */
@Path("/v1/me")
@RolesAllowed("user")
@SecurityRequirement(name = "jwt")
@Tag(name = "my data", description = "Everything recorded for the signed-in person, to take away or to hand to a clinician.")
public class PersonalDataResource {

    static final String CSV = "text/csv";
    static final String FHIR_JSON = "application/fhir+json";

    private final Export export;
    private final ClinicalReport report;
    private final Erasure erasure;
    private final AccessRecords access;
    private final JsonWebToken jwt;

    public PersonalDataResource(Export export, ClinicalReport report, Erasure erasure, AccessRecords access, JsonWebToken jwt) {
        this.access = access;
        this.export = export;
        this.report = report;
        this.erasure = erasure;
        this.jwt = jwt;
    }

    @GET
    @Tagged(Figure.EXPORT)
    @Budgeted(Budget.READS)
    @Path("/export")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "exportMyData", summary = "Everything recorded for me",
            description = "As JSON: every event as it was posted (posting them again answers DUPLICATE for each, within "
                    + "60 days), the weekly goal's changes and the pauses. With `Accept: text/csv`: one row per session "
                    + "(local date, routine, minutes, poses completed and skipped, pain before and after per area).")
    @APIResponse(responseCode = "200", description = "The person's data.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Export.Everything.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response export(@Context HttpHeaders headers) {
        return export(export, jwt.getSubject(), headers);
    }

    /** A person's export as the request asks for it: JSON, or CSV. */
    static Response export(Export export, String user, HttpHeaders headers) {
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .filter(t -> t.isCompatible(MediaType.APPLICATION_JSON_TYPE) || t.isCompatible(MediaType.valueOf(CSV)))
                .findFirst().map(t -> !t.isWildcardType() && t.isCompatible(MediaType.valueOf(CSV))).orElse(false);
        if (csv) {
            return Response.ok(export.csv(user), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"sukha-sessions.csv\"").build();
        }
        return Response.ok(export.json(user), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Tagged(Figure.REPORT)
    @Budgeted(Budget.READS)
    @Path("/report")
    @Produces({FHIR_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getMyClinicalReport", summary = "A report for my clinician (HL7 FHIR R4)",
            description = "A FHIR R4 Bundle (type collection) of the sessions whose local date is in the period: a pain "
                    + "Observation per session, area and moment (LOINC 72514-3, valueInteger, the area as a SNOMED CT bodySite), "
                    + "a duration Observation per ended session (LOINC 55411-3, minutes), and the person as a Patient known "
                    + "only by an identifier. Without dates: the last 90 days.")
    @APIResponse(responseCode = "200", description = "The FHIR Bundle.",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "A date that is not one, from after to, or more than five years.")
    public Response report(@Parameter(description = "First local date, YYYY-MM-DD (default: 89 days before to).",
                                   schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
                           @Parameter(description = "Last local date, YYYY-MM-DD (default: today).",
                                   schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
                           @Context HttpHeaders headers) {
        return report(report, jwt.getSubject(), from, to, headers);
    }

    /** A person's clinical report, as FHIR JSON or (asked for) plain JSON. */
    static Response report(ClinicalReport report, String user, String from, String to, HttpHeaders headers) {
        boolean plain = headers.getAcceptableMediaTypes().stream().findFirst()
                .map(t -> !t.isWildcardType() && t.isCompatible(MediaType.APPLICATION_JSON_TYPE)).orElse(false);
        return Response.ok(report.bundle(user, from, to), plain ? MediaType.APPLICATION_JSON : FHIR_JSON).build();
    }

    @GET
    @Budgeted(Budget.READS)
    @Path("/access-log")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMyAccessLog", summary = "Who looked at my data",
            description = "Every time an operator read or acted on your data (your figures, your export or report, an "
                    + "erasure on your behalf, a rebuild of everyone's figures), newest first: when, who, what (the route, "
                    + "without your id) and the trace to ask about it by. A page at a time: pass the answer's `next` as "
                    + "`before` for the next page.")
    @APIResponse(responseCode = "200", description = "A page of the log.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessRecords.Page.class)))
    @APIResponse(responseCode = "422", description = "A page size out of 1..100, or a cursor this service did not give.")
    public AccessRecords.Page accessLog(@Parameter(description = AccessLogParams.LIMIT) @QueryParam("limit") String limit,
                                        @Parameter(description = AccessLogParams.BEFORE) @QueryParam("before") String before) {
        return access.forPerson(jwt.getSubject(), limit, before);
    }

    @DELETE
    @Budgeted(Budget.WRITES)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "eraseMe", summary = "Erase everything recorded for me",
            description = "Crypto-shredding: the key that seals every event of yours on the event log is destroyed, so no copy "
                    + "(the log, its dead letters, backups) can be read again, not even by a rebuild; your figures, weekly goal, "
                    + "pauses, and what session-service keeps of your sessions are deleted. Within 10 seconds every read "
                    + "answers as for someone who never practised. Posting later starts you again as a new person.")
    @APIResponse(responseCode = "202", description = "Erased; session-service's copies of your session state follow within seconds.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Erasure.Receipt.class)))
    public Response erase() {
        return Response.accepted(erasure.erase(jwt.getSubject(), jwt.getSubject())).build();
    }
}

package dev.sukha.platform.problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Documents what every service answers the same way (register with
 * {@code mp.openapi.filter=dev.sukha.platform.problem.ProblemResponses}): the {@code Problem}
 * schema, and on every {@code /v1} operation the problem responses every one of them can give —
 * 401 without a valid token, 503 when the store or the broker is away, 500 for a fault of
 * ours, and for those that take a body 400 (malformed), 413 and 415. A response an operation
 * declares itself (403, 404, 409, 422...) gets the problem schema when it declares none; a 429
 * (a budgeted operation) gets its Retry-After and RateLimit headers.
 */
public class ProblemResponses implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String ERROR = "ProblemError";
    private static final String REF = "#/components/schemas/";

    private static final Map<String, String> EVERY = Map.of(
            "401", "No valid bearer token. The body says what to send.",
            "500", "A fault of ours; it has been logged. Nothing was changed.",
            "503", "The store or the broker is not answering; nothing was changed. Retry the same request after `Retry-After` seconds.");
    private static final Map<String, String> WITH_BODY = Map.of(
            "400", "The body is not valid JSON of the expected shape; `errors[].field` says where.",
            "413", "The body is larger than this operation takes.",
            "415", "The body is not `application/json`.");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSchema(ERROR, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One thing wrong, and where.")
                .addProperty("index", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")
                        .description("In a batch: the position of the event at fault, from 0."))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("The field at fault, as a path (`steps[2].hold.breaths`, `pain.neck`)."))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What is wrong with it."))
                .required(List.of("message")));
        components.addSchema(PROBLEM, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An RFC 9457 problem: the body of every 4xx and 5xx answer.")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri")
                        .description("The kind of problem, as a URI under " + Problem.TYPES + "."))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("A short summary of the kind of problem."))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)).description("The HTTP status."))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What happened here, for a person to read."))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref(REF + ERROR))
                        .description("For invalid input: every error, by field (and index in a batch)."))
                .required(List.of("type", "title", "status", "detail")));
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/v1/")) {
                item.getOperations().forEach((method, operation) -> document(method, operation));
            }
        });
    }

    private static void document(PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        EVERY.forEach((status, description) -> add(responses, status, description));
        if (operation.getRequestBody() != null) {
            WITH_BODY.forEach((status, description) -> add(responses, status, description));
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && response.getRef() == null) {
                if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
                    response.setContent(problemContent());
                } else {
                    // Declared with examples only: the schema is still the problem.
                    response.getContent().getMediaTypes().values().stream().filter(m -> m.getSchema() == null)
                            .forEach(m -> m.setSchema(OASFactory.createSchema().ref(REF + PROBLEM)));
                }
            }
        });
        APIResponse tooMany = responses.getAPIResponse("429");
        if (tooMany != null && tooMany.getRef() == null) {
            // A budgeted operation (platform/fair-use): when to come back, and how the budget stands.
            tooMany.addHeader("Retry-After", integerHeader("Seconds to wait before sending the same request again."));
            tooMany.addHeader("RateLimit", stringHeader("How the budget stands (draft-ietf-httpapi-ratelimit-headers): "
                    + "`\"writes\";r=0;t=1`, r requests left, t seconds until the next."));
            tooMany.addHeader("RateLimit-Policy", stringHeader("The budget: `\"writes\";q=100;w=5`, q requests in w seconds."));
        }
        operation.setResponses(responses);
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header integerHeader(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32"));
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header stringHeader(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.getAPIResponse(status) == null) {
            APIResponse response = OASFactory.createAPIResponse().description(description);
            if ("503".equals(status)) {
                response.addHeader("Retry-After", integerHeader("Seconds to wait before retrying."));
            }
            responses.addAPIResponse(status, response);
        }
    }

    private static Content problemContent() {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF + PROBLEM));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
    }
}

package dev.sukha.insights.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.List;

/**
 * Documents the conditional reads ({@link ConditionalReads}) on every read of a person's figures —
 * the GETs under {@code /v1/me} and {@code /v1/users/{userId}} but the stream of changes: the
 * {@code If-None-Match} header, the {@code ETag} of a 200, and the 304 with no body.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ConditionalReadsDocs implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            Operation get = item.getGET();
            if (get != null && (path.startsWith("/v1/me/") || path.startsWith("/v1/users/")) && !path.endsWith("/changes")) {
                document(get);
            }
        });
    }

    private static void document(Operation operation) {
        operation.addParameter(OASFactory.createParameter().name("If-None-Match").in(Parameter.In.HEADER)
                .description("The ETag of the body you hold: answered 304, with no body, while it is still the current one.")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (ok != null) {
            ok.addHeader("ETag", tag("The body's tag: send it back in If-None-Match. It changes whenever the body may have."));
            ok.addHeader("Cache-Control", string("`private, no-cache`: keep it, and ask again before each use."));
        }
        operation.getResponses().addAPIResponse("304", OASFactory.createAPIResponse()
                .description("Not modified: the body you hold (the tag in If-None-Match) is still the current one.")
                .addHeader("ETag", tag("The current tag, the one you sent.")));
    }

    private static Header tag(String description) {
        return string(description);
    }

    private static Header string(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
    }
}

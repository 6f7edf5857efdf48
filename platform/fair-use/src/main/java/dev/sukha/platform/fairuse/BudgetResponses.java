package dev.sukha.platform.fairuse;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Documents the 429 of every {@link Budgeted} operation, so no resource writes it by hand: read from the
 * annotations at build time (the index of the service's classes), matched to the document by the
 * operation's {@code operationId} (one without is left undocumented, with a warning), described by its {@link Budget}. http-problem's {@code ProblemResponses}
 * gives every 429 its problem schema and its Retry-After and RateLimit headers.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class BudgetResponses implements OASFilter {

    static final DotName BUDGETED = DotName.createSimple(Budgeted.class.getName());
    static final DotName OPERATION = DotName.createSimple("org.eclipse.microprofile.openapi.annotations.Operation");

    private static final Set<String> HTTP_METHODS = Set.of("jakarta.ws.rs.GET", "jakarta.ws.rs.POST", "jakarta.ws.rs.PUT",
            "jakarta.ws.rs.PATCH", "jakarta.ws.rs.DELETE");

    private static final Logger LOG = Logger.getLogger(BudgetResponses.class);

    private final Map<String, Budget> byOperation;

    public BudgetResponses(IndexView index) {
        this.byOperation = budgetedOperations(index);
    }

    /** Each budgeted operation's id and its budget; a budgeted method without an operationId is a build error. */
    static Map<String, Budget> budgetedOperations(IndexView index) {
        Map<String, Budget> found = new HashMap<>();
        for (AnnotationInstance budgeted : index.getAnnotations(BUDGETED)) {
            Budget budget = Budget.valueOf(budgeted.value().asEnum());
            if (budgeted.target().kind() == AnnotationTarget.Kind.METHOD) {
                MethodInfo method = budgeted.target().asMethod();
                String id = isResourceMethod(method) ? operationId(method, true) : null; // not the filter it binds
                if (id != null) {
                    found.put(id, budget);
                }
            } else if (budgeted.target().kind() == AnnotationTarget.Kind.CLASS) {
                for (MethodInfo method : budgeted.target().asClass().methods()) {
                    String id = operationId(method, false);
                    if (id != null) {
                        found.putIfAbsent(id, budget);
                    }
                }
            }
        }
        return found;
    }

    private static boolean isResourceMethod(MethodInfo method) {
        return method.annotations().stream().anyMatch(a -> HTTP_METHODS.contains(a.name().toString()));
    }

    private static String operationId(MethodInfo method, boolean required) {
        AnnotationInstance operation = method.annotation(OPERATION);
        if (operation == null || operation.value("operationId") == null) {
            if (required) {
                // Spectral's operation-operationId rule (ApiDocumentsIT) fails such a document anyway.
                LOG.warnf("%s.%s is @Budgeted but has no @Operation(operationId): its 429 is not documented",
                        method.declaringClass().name(), method.name());
            }
            return null;
        }
        return operation.value("operationId").asString();
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            Budget budget = byOperation.get(operation.getOperationId());
            if (budget == null) {
                return;
            }
            APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
            if (responses.getAPIResponse("429") == null) {
                responses.addAPIResponse("429", OASFactory.createAPIResponse().description(budget.refusal));
            }
            operation.setResponses(responses);
        }));
    }
}

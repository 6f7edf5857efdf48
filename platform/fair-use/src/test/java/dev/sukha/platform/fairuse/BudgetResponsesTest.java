package dev.sukha.platform.fairuse;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetResponsesTest {

    static class Writes {
        @Budgeted(Budget.WRITES)
        @POST
        @Operation(operationId = "recordSomething")
        public void record() {
        }

        @Operation(operationId = "readSomething")
        public void read() {
        }
    }

    @Budgeted(Budget.OPERATORS)
    static class Operators {
        @Operation(operationId = "rebuildEverything")
        public void rebuild() {
        }
    }

    static class Undocumented {
        @Budgeted(Budget.READS)
        @GET
        public void read() {
        }
    }

    @Test
    void eachBudgetedOperationGetsItsBudgetsRefusalAndNoOtherDoes() throws IOException {
        OpenAPI api = document("recordSomething", "readSomething", "rebuildEverything", "aHandWritten429");
        api.getPaths().getPathItem("/aHandWritten429").getPOST().getResponses()
                .addAPIResponse("429", OASFactory.createAPIResponse().description("streams"));

        new BudgetResponses(Index.of(Writes.class, Operators.class)).filterOpenAPI(api);

        assertThat(tooMany(api, "recordSomething")).isEqualTo(Budget.WRITES.refusal);
        assertThat(tooMany(api, "rebuildEverything")).isEqualTo(Budget.OPERATORS.refusal);
        assertThat(tooMany(api, "readSomething")).isNull();
        assertThat(tooMany(api, "aHandWritten429")).isEqualTo("streams");
    }

    static class BoundFilter {
        @Budgeted(Budget.WRITES)
        public void spend() {
        }
    }

    @Test
    void theFilterTheAnnotationBindsIsNoOperation() throws IOException {
        assertThat(BudgetResponses.budgetedOperations(Index.of(BoundFilter.class))).isEmpty();
    }

    @Test
    void aBudgetedMethodWithoutAnOperationIdIsLeftOut() throws IOException {
        // Quarkus indexes these fixtures too when this module's Quarkus tests build their app: nothing may fail there.
        assertThat(BudgetResponses.budgetedOperations(Index.of(Undocumented.class, Writes.class)))
                .containsExactly(java.util.Map.entry("recordSomething", Budget.WRITES));
    }

    private static OpenAPI document(String... operationIds) {
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths());
        for (String id : operationIds) {
            api.getPaths().addPathItem("/" + id, OASFactory.createPathItem()
                    .POST(OASFactory.createOperation().operationId(id).responses(OASFactory.createAPIResponses())));
        }
        return api;
    }

    private static String tooMany(OpenAPI api, String id) {
        var response = api.getPaths().getPathItem("/" + id).getPOST().getResponses().getAPIResponse("429");
        return response == null ? null : response.getDescription();
    }
}

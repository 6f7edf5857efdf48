package dev.sukha.insights.api;

import dev.sukha.insights.config.InsightsConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the page needs to sign someone in: the provider and its client id; public, not part of the API. */
@Path("/sign-in/config")
@PermitAll
public class SignInConfigResource {

    private final InsightsConfig config;

    public SignInConfigResource(InsightsConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, String> get() {
        Map<String, String> out = new LinkedHashMap<>();
        config.page().oidcIssuer().filter(s -> !s.isBlank()).ifPresent(issuer -> {
            out.put("issuer", issuer.replaceAll("/+$", ""));
            out.put("clientId", config.page().oidcClientId());
        });
        return out;
    }
}

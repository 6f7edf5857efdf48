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

/**
 * What the page needs before anyone signs in: where routines and events are served, the provider
 * that signs people in (and the page's client there), and the page's version. Public, and not part
 * of the API.
 */
@Path(PageFiles.CONFIG)
@PermitAll
public class PageResource {

    private final InsightsConfig config;
    private final PageFiles files;

    public PageResource(InsightsConfig config, PageFiles files) {
        this.config = config;
        this.files = files;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, Object> get() {
        Map<String, Object> out = new LinkedHashMap<>();
        InsightsConfig.Page page = config.page();
        PageOrigins.issuer(page).ifPresent(issuer -> {
            out.put("issuer", issuer);
            out.put("clientId", page.oidcClientId());
        });
        out.put("routinesUrl", PageOrigins.url(page.routinesUrl()));
        out.put("eventsUrl", PageOrigins.url(page.eventsUrl()));
        out.put("version", files.version());
        out.put("localSignIn", page.localSignIn());
        return out;
    }
}

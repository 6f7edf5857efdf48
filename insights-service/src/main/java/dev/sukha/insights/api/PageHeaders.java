package dev.sukha.insights.api;

import dev.sukha.insights.config.InsightsConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The headers that guard the page, which holds a bearer token that reads a person's health data: a
 * strict Content-Security-Policy (only our own scripts and styles, connections only to the APIs and
 * the sign-in provider, never framed), no referrer, no sniffing, no powerful features it never
 * uses. Its files are revalidated on every load ({@code no-cache}: an unchanged file costs a 304),
 * so a deploy never leaves anyone on yesterday's script; the service worker keeps the same files
 * under the page's version (see sw.js). The API's own answers get the two headers that apply to
 * any response.
 */
@ApplicationScoped
public class PageHeaders {

    /** Features the page never uses (screen wake lock, which the player uses, is left alone). */
    static final String PERMISSIONS = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), "
            + "publickey-credentials-get=(), serial=(), usb=(), xr-spatial-tracking=()";

    private final String csp;

    public PageHeaders(InsightsConfig config) {
        this.csp = policy(config.page());
    }

    static String policy(InsightsConfig.Page page) {
        String connect = String.join(" ", PageOrigins.others(page));
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
                + "connect-src 'self'" + (connect.isEmpty() ? "" : " " + connect) + "; "
                + "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    void register(@Observes Filters filters) {
        filters.register(this::headers, 100);
    }

    private void headers(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean page = !path.startsWith("/v1/") && !path.startsWith("/q/");
        // Set as the headers go out, over what the static file handler chose (public, a day).
        rc.addHeadersEndHandler(v -> {
            MultiMap h = rc.response().headers();
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            if (page) {
                h.set("Content-Security-Policy", csp);
                h.set("Permissions-Policy", PERMISSIONS);
                h.set("X-Frame-Options", "DENY");
                h.set("Cross-Origin-Opener-Policy", "same-origin");
                h.set("Cache-Control", "no-cache");
            }
        });
        rc.next();
    }
}

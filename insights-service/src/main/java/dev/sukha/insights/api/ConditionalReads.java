package dev.sukha.insights.api;

import dev.sukha.insights.domain.Figure;
import dev.sukha.insights.usecase.AccessRecords;
import dev.sukha.insights.usecase.FigureTags;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * ETags on every read of a person's figures: before the read, the person's state is read (one
 * small document, {@link FigureTags}) and the tag computed; {@code If-None-Match} with it is
 * answered 304 with no body, and without reading the figures at all. Otherwise the read goes on
 * and its 200 carries the tag, computed from the state read before it — so a tag may be older
 * than its body (the next read answers in full), never newer.
 * <p>
 * Only for whom the read is allowed: a caller who may not read these figures gets the resource's
 * own 401 or 403, never a 304 that would say something.
 */
public class ConditionalReads {

    private static final String TAG = ConditionalReads.class.getName() + ".tag";
    /** Tags are per person and must be revalidated: no shared cache keeps them, every use asks. */
    static final String CACHE_CONTROL = "private, no-cache";
    /** Personal downloads (the export, the clinical report): never stored. */
    static final String DOWNLOAD = "no-store";

    private final CurrentIdentityAssociation identities;
    private final FigureTags tags;
    private final AccessRecords access;

    public ConditionalReads(CurrentIdentityAssociation identities, FigureTags tags, AccessRecords access) {
        this.identities = identities;
        this.tags = tags;
        this.access = access;
    }

    @ServerRequestFilter
    @Tagged(Figure.STREAK)
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        return identities.getDeferredIdentity().map(identity -> {
            String user = whose(request, identity);
            if (user == null) {
                return null;
            }
            Figure figure = figureOf(resource);
            String tag = FigureTags.tag(tags.state(user, figure), figure, user, request.getUriInfo().getQueryParameters(),
                    request.getHeaderString(HttpHeaders.ACCEPT));
            if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
                if (!user.equals(((JsonWebToken) identity.getPrincipal()).getSubject())) {
                    // An operator's "unchanged" is a look too (the operation itself, and its record, never run).
                    access.record(user, ((JsonWebToken) identity.getPrincipal()).getSubject(), LookRecorder.route(resource.getResourceMethod()));
                }
                return Response.notModified().header(HttpHeaders.ETAG, tag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                        .header(HttpHeaders.VARY, "Authorization, Accept").build();
            }
            request.setProperty(TAG, tag);
            return null;
        });
    }

    @ServerResponseFilter
    @Tagged(Figure.STREAK)
    public void tell(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        if (response.getStatus() == 200 && request.getProperty(TAG) instanceof String tag) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
            // A person's export and clinical report are downloads: no browser or proxy keeps a copy of them.
            Figure figure = figureOf(resource);
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL,
                    figure == Figure.EXPORT || figure == Figure.REPORT ? DOWNLOAD : CACHE_CONTROL);
            response.getHeaders().putSingle(HttpHeaders.VARY, "Authorization, Accept");
        }
    }

    /** The person whose figures are read, if the caller may read them; null leaves the answer to the resource. */
    private static String whose(ContainerRequestContext request, SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            return null;
        }
        String other = request.getUriInfo().getPathParameters().getFirst("userId");
        if (other == null) {
            return jwt.getSubject();
        }
        return identity.hasRole("operator") ? other : null;
    }

    private static Figure figureOf(ResourceInfo resource) {
        Tagged on = resource.getResourceMethod().getAnnotation(Tagged.class);
        return on != null ? on.value() : resource.getResourceClass().getAnnotation(Tagged.class).value();
    }

    /** Whether {@code If-None-Match} names the tag (or is {@code *}); weak tags compare by their opaque part. */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(tag) || (c.startsWith("W/") && c.substring(2).equals(tag))) {
                return true;
            }
        }
        return false;
    }
}

package dev.sukha.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers, as problem+json, what never reaches a REST resource: an address that
 * matches nothing, and failures of the HTTP layer itself (a body over the size
 * limit, an unparseable request line).
 */
@Singleton
public class FallbackRoutes {

    private final long maxBodyBytes;
    /**
     * Reads a body of unknown length (chunked) up to the limit before a resource sees it, failing the route with 413
     * past it: REST's own reader would end such a request with a bare 413 and no body. A body read here is the
     * one the resource gets.
     */
    private final BodyHandler unknownLength;

    public FallbackRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.unknownLength = BodyHandler.create(false).setBodyLimit(maxBodyBytes).setDeleteUploadedFilesOnEnd(true);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        // The HTTP layer would answer an oversized body with a bare 413; say it as a problem first.
        router.route().order(Integer.MIN_VALUE).handler(this::rejectOversized);
        router.route().last().handler(ctx -> write(ctx, Problem.of(404, "not-found", "Not Found",
                "There is nothing at " + ctx.normalizedPath() + ".")));
    }

    private void rejectOversized(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    ctx.request().pause();
                    write(ctx, Problem.of(413, "too-large", "Payload Too Large",
                            "The request body is larger than " + maxBodyBytes + " bytes."));
                    ctx.request().connection().close();
                    return;
                }
            } catch (NumberFormatException e) {
                write(ctx, Problem.of(400, "bad-request", "Bad Request", "The Content-Length header is not a number."));
                return;
            }
        } else if (mayCarryBody(ctx.request().method())) {
            unknownLength.handle(ctx);
            return;
        }
        ctx.next();
    }

    private static boolean mayCarryBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status < 400 || ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        String detail = status == 413 ? "The request body is larger than " + maxBodyBytes + " bytes."
                : "The request could not be handled.";
        if (status == 413) {
            // The rest of the body is not read: the connection cannot carry another request.
            ctx.response().putHeader("Connection", "close");
        }
        write(ctx, Problem.of(status, status == 413 ? "too-large" : "http", status == 413 ? "Payload Too Large" : "Request failed", detail));
    }

    private static void write(RoutingContext ctx, Problem problem) {
        ProblemWriter.write(ctx, problem);
    }
}

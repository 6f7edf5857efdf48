package dev.sukha.insights.api;

import dev.sukha.insights.usecase.AccessRecords;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * Records each {@link Looked} operation in the access log — who (the token's subject), whose (the route's
 * {@code userId}), which route (its template: never the id itself), and the request's trace — before the
 * operation runs. It runs after the role check: a refused caller looked at nothing.
 */
@Looked
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class LookRecorder {

    private final AccessRecords records;
    private final JsonWebToken jwt;
    private final SecurityIdentity identity;

    public LookRecorder(AccessRecords records, JsonWebToken jwt, SecurityIdentity identity) {
        this.records = records;
        this.jwt = jwt;
        this.identity = identity;
    }

    @AroundInvoke
    Object record(InvocationContext ctx) throws Exception {
        String user = userId(ctx);
        if (user != null && identity.hasRole("operator")) {
            records.record(user, jwt.getSubject(), route(ctx.getMethod()));
        }
        return ctx.proceed();
    }

    private static String userId(InvocationContext ctx) {
        Annotation[][] annotations = ctx.getMethod().getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation a : annotations[i]) {
                if (a instanceof PathParam p && p.value().equals("userId")) {
                    return (String) ctx.getParameters()[i];
                }
            }
        }
        return null;
    }

    /** {@code GET /v1/users/{userId}/streak}: the method and the template, as the OpenAPI document names it. */
    static String route(Method method) {
        String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(DELETE.class) ? "DELETE"
                : method.isAnnotationPresent(PUT.class) ? "PUT" : method.isAnnotationPresent(POST.class) ? "POST" : "?";
        Path type = method.getDeclaringClass().getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        return verb + " " + (type == null ? "" : type.value()) + (own == null ? "" : own.value());
    }
}

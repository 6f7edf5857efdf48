package dev.sukha.insights.api;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operator's read or action on the person named by the route's {@code userId}: recorded in the access log
 * before it runs ({@link LookRecorder}), so that no look goes without a trace — and a look whose record cannot be
 * written is not served.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Looked {
}

package dev.sukha.platform.fairuse;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation that spends from its caller's budget: every write a person makes, an operator's
 * actions, and reads where a setting gives them a budget. Past it the answer is 429.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Budgeted {

    /** Which budget the operation spends from. */
    Budget value();
}

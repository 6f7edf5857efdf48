package dev.sukha.insights.api;

import dev.sukha.insights.domain.Figure;
import dev.sukha.insights.usecase.FigureTags;
import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A read of a person's figures that carries an ETag and answers {@code If-None-Match} with 304 ({@link ConditionalReads}). */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Tagged {

    /** Which figure: what the stream of changes names it ({@link Figure}). */
    Figure value();
}

package dev.sukha.session.api;

import dev.sukha.platform.problem.Problem;
import dev.sukha.session.usecase.Ingest;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Ingest's own failures as problems; everything else is mapped by {@code dev.sukha.platform.problem}. */
public class IngestProblems {

    @ServerExceptionMapper
    public Response invalid(Ingest.Invalid e) {
        return Problem.invalid(422, e.getMessage(), e.errors().stream()
                .map(er -> new Problem.Error(er.index(), er.field(), er.message())).toList()).toResponse();
    }

    @ServerExceptionMapper
    public Response othersSession(Ingest.Forbidden e) {
        return Problem.of(403, "forbidden", "Forbidden", "You can only record events of your own sessions.").toResponse();
    }

    @ServerExceptionMapper
    public Response unavailable(Ingest.Unavailable e) {
        Log.warn(e.getMessage(), e.getCause());
        return Problem.unavailable(e.getMessage()).toResponse();
    }
}

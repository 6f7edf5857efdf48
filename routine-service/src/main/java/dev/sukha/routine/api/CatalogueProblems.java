package dev.sukha.routine.api;

import dev.sukha.platform.problem.Problem;
import dev.sukha.routine.usecase.Catalogue;
import dev.sukha.routine.usecase.Announcements;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The catalogue's own failures as problems; everything else is mapped by {@code dev.sukha.platform.problem}. */
public class CatalogueProblems {

    @ServerExceptionMapper
    public Response noDraft(Catalogue.NoDraft e) {
        return Problem.of(404, "not-found", "Not found", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper({Catalogue.NothingToPublish.class, Catalogue.Conflict.class})
    public Response conflict(RuntimeException e) {
        return Problem.of(409, "conflict", "Conflict", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(Catalogue.Invalid e) {
        return Problem.invalid(422, e.getMessage(),
                e.errors().stream().map(er -> new Problem.Error(er.field(), er.message())).toList()).toResponse();
    }

    @ServerExceptionMapper
    public Response notAnnounced(Announcements.NotAnnounced e) {
        Log.warn(e.getMessage(), e.getCause());
        return Problem.unavailable("The version is stored but Kafka did not acknowledge it; publish again to retry "
                + "(it is also retried in the background).").toResponse();
    }
}

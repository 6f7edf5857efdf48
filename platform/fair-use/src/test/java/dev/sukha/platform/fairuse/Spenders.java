package dev.sukha.platform.fairuse;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.atomic.AtomicInteger;

/** Operations on each budget, counting how often they really ran. */
@Path("/spend")
public class Spenders {

    static final AtomicInteger RAN = new AtomicInteger();

    @POST
    @Path("/write")
    @Authenticated
    @Budgeted(Budget.WRITES)
    public Response write() {
        RAN.incrementAndGet();
        return Response.accepted().build();
    }

    @POST
    @Path("/operate")
    @RolesAllowed("operator")
    @Budgeted(Budget.OPERATORS)
    public Response operate() {
        RAN.incrementAndGet();
        return Response.accepted().build();
    }

    @GET
    @Path("/read")
    @Authenticated
    @Budgeted(Budget.READS)
    public String read() {
        return "{}";
    }
}

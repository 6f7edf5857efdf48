package dev.sukha.platform.tokens;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("/who")
public class Who {

    private final JsonWebToken jwt;

    public Who(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    @GET
    @Authenticated
    public String who() {
        return jwt.getSubject();
    }
}

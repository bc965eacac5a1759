package io.ccos.session.catalog;

import io.ccos.contracts.security.Permissions;
import io.ccos.platform.problem.Created;
import io.ccos.platform.problem.ProblemException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** Sessions of the caller's tenant. */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionStore store;
    private final SecurityIdentity identity;

    public SessionResource(SessionStore store, SecurityIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    @POST
    @PermissionsAllowed(Permissions.SESSIONS_REGISTER)
    public Uni<Response> register(@Valid @NotNull SessionRegistration registration, UriInfo uri) {
        return store.register(registration, identity.getPrincipal().getName())
                .map(session -> Created.at(uri, session.id(), session));
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(Permissions.SESSIONS_READ)
    public Uni<SessionView> get(@PathParam("id") UUID id) {
        return store.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Session", id));
    }
}

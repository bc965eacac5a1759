package io.ccos.session.catalog;

import io.ccos.contracts.security.Roles;
import io.ccos.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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

    private final SessionCatalog catalog;
    private final SecurityIdentity identity;

    public SessionResource(SessionCatalog catalog, SecurityIdentity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.DEVELOPER, Roles.AGENT, Roles.SERVICE})
    public Uni<Response> register(@Valid @NotNull SessionRegistration registration, UriInfo uri) {
        return catalog.register(registration, identity.getPrincipal().getName())
                .map(session -> Response.created(uri.getAbsolutePathBuilder().path(session.id().toString()).build()).entity(session).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DEVELOPER, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN, Roles.SERVICE})
    public Uni<SessionView> get(@PathParam("id") UUID id) {
        return catalog.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Session", id));
    }
}

package io.ccos.gateway.registry;

import io.ccos.contracts.problem.ProblemType;
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
import java.util.List;
import java.util.UUID;

/** The registry of upstream MCP servers of the caller's tenant. */
@Path("/api/v1/upstreams")
@Produces(MediaType.APPLICATION_JSON)
public class UpstreamResource {

    private final UpstreamRegistry registry;
    private final SecurityIdentity identity;

    public UpstreamResource(UpstreamRegistry registry, SecurityIdentity identity) {
        this.registry = registry;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
    public Uni<Response> register(@Valid @NotNull UpstreamRegistration registration, UriInfo uri) {
        if (registration.transport() == Transport.STDIO && !identity.hasRole(Roles.PLATFORM_ADMIN)) {
            // A stdio server is a process on the gateway's hosts, shared by all tenants.
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a platform-admin registers stdio servers");
        }
        return registry.register(registration, identity.getPrincipal().getName())
                .map(server -> Response.created(uri.getAbsolutePathBuilder().path(server.id().toString()).build()).entity(server).build());
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE})
    public Uni<List<UpstreamView>> list() {
        return registry.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE})
    public Uni<UpstreamView> get(@PathParam("id") UUID id) {
        return registry.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Upstream server", id));
    }
}

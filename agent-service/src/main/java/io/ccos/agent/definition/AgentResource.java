package io.ccos.agent.definition;

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

/** Agent definitions of the caller's tenant. */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    private final AgentCatalog catalog;
    private final SecurityIdentity identity;

    public AgentResource(AgentCatalog catalog, SecurityIdentity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.DEVELOPER, Roles.PLATFORM_ADMIN})
    public Uni<Response> define(@Valid @NotNull AgentDraft draft, UriInfo uri) {
        return catalog.define(draft, identity.getPrincipal().getName())
                .map(agent -> Response.created(uri.getAbsolutePathBuilder().path(agent.id().toString()).build()).entity(agent).build());
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.DEVELOPER, Roles.AUDITOR, Roles.AGENT, Roles.PLATFORM_ADMIN, Roles.SERVICE})
    public Uni<List<AgentView>> list() {
        return catalog.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.DEVELOPER, Roles.AUDITOR, Roles.AGENT, Roles.PLATFORM_ADMIN, Roles.SERVICE})
    public Uni<AgentView> get(@PathParam("id") UUID id) {
        return catalog.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Agent", id));
    }
}

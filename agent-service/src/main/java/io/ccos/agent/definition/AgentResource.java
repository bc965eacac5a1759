package io.ccos.agent.definition;

import io.ccos.contracts.security.Permissions;
import io.ccos.platform.paging.PageRequest;
import io.ccos.platform.paging.PagingConfig;
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
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Agent definitions of the caller's tenant. */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    private final AgentStore store;
    private final SecurityIdentity identity;
    private final PagingConfig paging;

    public AgentResource(AgentStore store, SecurityIdentity identity, PagingConfig paging) {
        this.store = store;
        this.identity = identity;
        this.paging = paging;
    }

    @POST
    @PermissionsAllowed(Permissions.AGENTS_WRITE)
    public Uni<Response> define(@Valid @NotNull AgentDraft draft, UriInfo uri) {
        return store.define(draft, identity.getPrincipal().getName())
                .map(agent -> Created.at(uri, agent.id(), agent));
    }

    @GET
    @PermissionsAllowed(Permissions.AGENTS_READ)
    public Uni<RestResponse<List<AgentView>>> list(@RestQuery String limit, @RestQuery String after, UriInfo uri) {
        PageRequest page = PageRequest.of(limit, after, paging);
        return store.list(page).map(found -> found.response(page, uri));
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(Permissions.AGENTS_READ)
    public Uni<AgentView> get(@PathParam("id") UUID id) {
        return store.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Agent", id));
    }
}

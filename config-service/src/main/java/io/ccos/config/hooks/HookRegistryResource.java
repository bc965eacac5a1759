package io.ccos.config.hooks;

import io.ccos.contracts.security.Permissions;
import io.ccos.platform.problem.ProblemException;
import io.ccos.platform.versioning.WritePrecondition;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The caller's tenant's central hook registry (docs/policy/hook-registry.md): hooks hook-service runs for
 * every Claude Code of the tenant, and mcp-gateway on every MCP tool call.
 */
@Path("/api/v1/hook-registry")
@Produces(MediaType.APPLICATION_JSON)
public class HookRegistryResource {

    private final HookRegistryStore store;
    private final SecurityIdentity identity;

    public HookRegistryResource(HookRegistryStore store, SecurityIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    @GET
    @PermissionsAllowed(Permissions.HOOK_REGISTRY_READ)
    public Uni<RestResponse<HookRegistryView>> get() {
        return store.find()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Hook registry of the tenant", "(none stored yet)"))
                .map(HookRegistryResource::tagged);
    }

    /**
     * Stores the body as the registry's next version once it compiles (400 listing every defect otherwise);
     * hook-service applies it within moments, without restart. If-Match / If-None-Match as for settings.
     */
    @PUT
    @PermissionsAllowed(Permissions.HOOK_REGISTRY_WRITE)
    public Uni<RestResponse<HookRegistryView>> put(@RestHeader(WritePrecondition.IF_MATCH) String ifMatch,
            @RestHeader(WritePrecondition.IF_NONE_MATCH) String ifNoneMatch,
            @NotNull(message = "must be a JSON object") Map<String, Object> content) {
        return store.put(content, identity.getPrincipal().getName(), new WritePrecondition(ifMatch, ifNoneMatch))
                .map(HookRegistryResource::tagged);
    }

    private static RestResponse<HookRegistryView> tagged(HookRegistryView view) {
        return RestResponse.ResponseBuilder.ok(view).header(HttpHeaders.ETAG, WritePrecondition.tagOf(view.version())).build();
    }
}

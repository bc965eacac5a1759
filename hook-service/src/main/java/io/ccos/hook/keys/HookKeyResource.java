package io.ccos.hook.keys;

import io.ccos.contracts.security.Permissions;
import io.ccos.platform.paging.PageRequest;
import io.ccos.platform.paging.PagingConfig;
import io.ccos.platform.problem.Created;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Hook keys: what a developer puts in CCOS_HOOK_KEY so that Claude Code's http hooks authenticate without
 * a short-lived Keycloak token. A key is shown once, stored as a hash, listed with its last use, revoked
 * here; it grants hook decisions and nothing else.
 */
@Path("/api/v1/hook-keys")
@Produces(MediaType.APPLICATION_JSON)
public class HookKeyResource {

    /** @param name what the key is for, e.g. the laptop it lives on */
    public record KeyRequest(@NotBlank @Size(max = 128) String name) {
    }

    private final HookKeyStore store;
    private final SecurityIdentity identity;
    private final PagingConfig paging;

    public HookKeyResource(HookKeyStore store, SecurityIdentity identity, PagingConfig paging) {
        this.store = store;
        this.identity = identity;
        this.paging = paging;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.HOOK_KEYS_WRITE)
    public Uni<Response> create(@NotNull @Valid KeyRequest request, UriInfo uri) {
        return store.create(request.name(), identity.getPrincipal().getName()).map(key -> Created.at(uri, key.id(), key));
    }

    /** The caller's keys; with the permission hook-keys:manage, every key of the tenant. */
    @GET
    @PermissionsAllowed(Permissions.HOOK_KEYS_WRITE)
    public Uni<RestResponse<List<HookKeyView>>> list(@RestQuery String limit, @RestQuery String after, UriInfo uri) {
        PageRequest page = PageRequest.of(limit, after, paging);
        return manages().chain(everyone -> store.list(page, identity.getPrincipal().getName(), everyone))
                .map(found -> found.response(page, uri));
    }

    @DELETE
    @Path("/{id}")
    @PermissionsAllowed(Permissions.HOOK_KEYS_WRITE)
    public Uni<HookKeyView> revoke(@PathParam("id") String id) {
        return manages().chain(everyone -> store.revoke(id, identity.getPrincipal().getName(), everyone));
    }

    private Uni<Boolean> manages() {
        // Granted as "name:action" strings (PermissionsFromRoles), so asked as name and action.
        String[] permission = Permissions.HOOK_KEYS_MANAGE.split(":", 2);
        return identity.checkPermission(new StringPermission(permission[0], permission[1]));
    }
}

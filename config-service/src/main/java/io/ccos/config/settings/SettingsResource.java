package io.ccos.config.settings;

import io.ccos.platform.naming.ResourceName;
import io.ccos.contracts.security.Permissions;
import io.ccos.platform.paging.PageRequest;
import io.ccos.platform.paging.PagingConfig;
import io.ccos.platform.problem.ProblemException;
import io.ccos.platform.versioning.WritePrecondition;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/** Settings documents of the caller's tenant, by scope and name. */
@Path("/api/v1/settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final SettingsStore store;
    private final SecurityIdentity identity;
    private final PagingConfig paging;

    public SettingsResource(SettingsStore store, SecurityIdentity identity, PagingConfig paging) {
        this.store = store;
        this.identity = identity;
        this.paging = paging;
    }

    /** A page of the tenant's documents (?limit=, ?after= from the Link header of the previous page). */
    @GET
    @PermissionsAllowed(Permissions.SETTINGS_READ)
    public Uni<RestResponse<List<SettingsView>>> list(@RestQuery String limit, @RestQuery String after, UriInfo uri) {
        PageRequest page = PageRequest.of(limit, after, paging);
        return store.list(page).map(found -> found.response(page, uri));
    }

    @GET
    @Path("/{scope}/{name}")
    @PermissionsAllowed(Permissions.SETTINGS_READ)
    public Uni<RestResponse<SettingsView>> get(@PathParam("scope") String scope, @PathParam("name") String name) {
        return store.find(SettingsScope.fromPath(scope), name)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Settings document", scope + "/" + name))
                .map(SettingsResource::tagged);
    }

    /**
     * Stores the body as the document's next version; the change is announced on ccos.config.changed. With
     * If-Match (the ETag of a read) the write holds only if nobody wrote since (412 otherwise); with
     * If-None-Match: * it only creates. The same content again changes nothing.
     */
    @PUT
    @Path("/{scope}/{name}")
    @PermissionsAllowed(Permissions.SETTINGS_WRITE)
    public Uni<RestResponse<SettingsView>> put(@PathParam("scope") String scope,
            @PathParam("name") @ResourceName String name,
            @RestHeader(WritePrecondition.IF_MATCH) String ifMatch, @RestHeader(WritePrecondition.IF_NONE_MATCH) String ifNoneMatch,
            @NotNull(message = "must be a JSON object") Map<String, Object> content) {
        return store.put(SettingsScope.fromPath(scope), name, content, identity.getPrincipal().getName(),
                new WritePrecondition(ifMatch, ifNoneMatch)).map(SettingsResource::tagged);
    }

    private static RestResponse<SettingsView> tagged(SettingsView view) {
        return RestResponse.ResponseBuilder.ok(view).header(HttpHeaders.ETAG, WritePrecondition.tagOf(view.version())).build();
    }
}

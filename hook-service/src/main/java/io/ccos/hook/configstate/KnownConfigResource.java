package io.ccos.hook.configstate;

import io.ccos.contracts.security.Permissions;
import io.ccos.platform.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;
import io.ccos.platform.paging.PageRequest;
import io.ccos.platform.paging.PagingConfig;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Which settings versions of the caller's tenant hook-service currently applies. */
@Path("/api/v1/known-config")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed(Permissions.KNOWN_CONFIG_READ)
public class KnownConfigResource {

    private final KnownConfigStore store;
    private final PagingConfig paging;

    public KnownConfigResource(KnownConfigStore store, PagingConfig paging) {
        this.store = store;
        this.paging = paging;
    }

    @GET
    public Uni<RestResponse<List<KnownConfigView>>> list(@RestQuery String limit, @RestQuery String after, UriInfo uri) {
        PageRequest page = PageRequest.of(limit, after, paging);
        return store.list(page).map(found -> found.response(page, uri));
    }

    @GET
    @Path("/{documentId}")
    public Uni<KnownConfigView> get(@PathParam("documentId") UUID documentId) {
        return store.find(documentId).onItem().ifNull().failWith(() -> ProblemException.notFound("Settings document", documentId));
    }
}

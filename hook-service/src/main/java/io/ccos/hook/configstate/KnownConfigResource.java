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

/** Which settings versions of the caller's tenant hook-service currently applies. */
@Path("/api/v1/known-config")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed(Permissions.KNOWN_CONFIG_READ)
public class KnownConfigResource {

    private final KnownConfigStore store;

    public KnownConfigResource(KnownConfigStore store) {
        this.store = store;
    }

    @GET
    public Uni<List<KnownConfigView>> list() {
        return store.list();
    }

    @GET
    @Path("/{documentId}")
    public Uni<KnownConfigView> get(@PathParam("documentId") UUID documentId) {
        return store.find(documentId).onItem().ifNull().failWith(() -> ProblemException.notFound("Settings document", documentId));
    }
}

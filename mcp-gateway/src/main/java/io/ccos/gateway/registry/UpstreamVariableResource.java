package io.ccos.gateway.registry;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Permissions;
import io.ccos.platform.problem.ProblemException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tenant's variables, which registrations refer to as ${NAME} in a stdio server's argv and env and a
 * remote server's url and headers: write-only (a value is never returned), listed by name. A change reaches
 * the connections of every replica at its next registry refresh (they reconnect with the new value).
 */
@Path("/api/v1/upstream-variables")
@Produces(MediaType.APPLICATION_JSON)
public class UpstreamVariableResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final SecurityIdentity identity;
    private final VariableStore store;
    private final VariablesConfig config;
    private final UpstreamDirectory directory;

    public UpstreamVariableResource(SecurityIdentity identity, VariableStore store, VariablesConfig config, UpstreamDirectory directory) {
        this.identity = identity;
        this.store = store;
        this.config = config;
        this.directory = directory;
    }

    @GET
    @PermissionsAllowed(Permissions.UPSTREAMS_READ)
    public Uni<List<UpstreamVariableView>> list() {
        return store.list();
    }

    /** Sets the variable (creating it if need be); this replica's servers use it at once, the others at their next refresh. */
    @PUT
    @Path("/{name}")
    @PermissionsAllowed(Permissions.UPSTREAMS_WRITE)
    public Uni<UpstreamVariableView> set(@PathParam("name") String name, @Valid @NotNull UpstreamVariableValue body) {
        checkName(name);
        if (body.value().length() > config.maxValueLength()) {
            throw new ProblemException(ProblemType.VALIDATION, "value: must have at most " + config.maxValueLength() + " characters");
        }
        return store.set(name, body.value(), identity.getPrincipal().getName()).call(directory::refresh);
    }

    @DELETE
    @Path("/{name}")
    @PermissionsAllowed(Permissions.UPSTREAMS_WRITE)
    public Uni<Void> remove(@PathParam("name") String name) {
        checkName(name);
        return store.remove(name).invoke(removed -> {
            if (!removed) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No variable named " + name + " in your organization");
            }
        }).call(directory::refresh).replaceWithVoid();
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ProblemException(ProblemType.VALIDATION, "name: must be a letter or '_', then up to 127 letters, digits or '_'");
        }
    }
}

package io.ccos.gateway.registry;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Permissions;
import io.ccos.gateway.upstream.UpstreamConnections;
import io.ccos.platform.outbound.OutboundUrlPolicy;
import io.ccos.platform.paging.PageRequest;
import io.ccos.platform.paging.PagingConfig;
import io.ccos.platform.problem.Created;
import io.ccos.platform.problem.ProblemException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
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
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The registry of upstream MCP servers of the caller's tenant. */
@Path("/api/v1/upstreams")
@Produces(MediaType.APPLICATION_JSON)
public class UpstreamResource {

    /** Which replica answers a status request (its host name: the pod's name on Kubernetes). */
    private static final String REPLICA = replicaName();

    private final UpstreamStore store;
    private final SecurityIdentity identity;
    private final OutboundUrlPolicy outbound;
    private final PagingConfig paging;
    private final UpstreamDirectory directory;
    private final UpstreamConnections connections;
    private final Validator validator;

    public UpstreamResource(UpstreamStore store, SecurityIdentity identity, OutboundUrlPolicy outbound, PagingConfig paging,
            UpstreamDirectory directory, UpstreamConnections connections, Validator validator) {
        this.store = store;
        this.validator = validator;
        this.connections = connections;
        this.directory = directory;
        this.identity = identity;
        this.outbound = outbound;
        this.paging = paging;
    }

    @POST
    @PermissionsAllowed(Permissions.UPSTREAMS_WRITE)
    public Uni<Response> register(@Valid @NotNull UpstreamRegistration registration, UriInfo uri) {
        return registered(registration).map(server -> Created.at(uri, server.id(), server));
    }

    /**
     * Registers every server of a Claude Code .mcp.json, each as POST would (its own checks, its own
     * transaction): answers what became of each, in the file's order. Servers registered stay registered
     * when others are refused.
     */
    @POST
    @Path("/import")
    @PermissionsAllowed(Permissions.UPSTREAMS_WRITE)
    public Uni<List<ImportedServer>> importMcpJson(@Valid @NotNull McpJson file) {
        return Multi.createFrom().iterable(file.mcpServers().entrySet())
                .onItem().transformToUniAndConcatenate(entry -> importOne(entry.getKey(), entry.getValue()))
                .collect().asList();
    }

    private Uni<ImportedServer> importOne(String name, McpJson.Server server) {
        UpstreamRegistration registration = server == null ? null : server.registration(name);
        if (registration == null) {
            return Uni.createFrom().item(new ImportedServer(name, 400, null, "type must be stdio, http or sse"));
        }
        var violations = validator.validate(registration);
        if (!violations.isEmpty()) {
            return Uni.createFrom().item(new ImportedServer(name, 400, null, violations.stream()
                    .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage()).sorted().collect(Collectors.joining("; "))));
        }
        return registered(registration).map(view -> new ImportedServer(name, 201, view.id(), null))
                .onFailure(ProblemException.class).recoverWithItem(failure -> {
                    ProblemException problem = (ProblemException) failure;
                    return new ImportedServer(name, problem.type().status(), null, problem.getMessage());
                });
    }

    private Uni<UpstreamView> registered(UpstreamRegistration registration) {
        // Judged as written here (a variable's part by a stand-in), and expanded, with its resolved addresses, at every connect.
        String refusal = registration.url() == null ? null
                : outbound.refusal(VariableExpansion.withStandIns(registration.url(), name -> "variable"));
        if (refusal != null) {
            return Uni.createFrom().failure(ProblemException.invalid("url", refusal));
        }
        Uni<Boolean> allowed = registration.transport() == Transport.STDIO
                ? identity.checkPermission(new StringPermission("upstreams", "stdio"))
                : Uni.createFrom().item(true);
        return allowed.chain(permitted -> permitted
                        ? store.register(registration, identity.getPrincipal().getName())
                        // A stdio server is a process on the gateway's hosts, shared by all tenants.
                        : Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                                "Registering a stdio server needs the permission " + Permissions.UPSTREAMS_STDIO + " (platform-admin)")))
                .invoke(directory::registered) // committed: this replica serves it at once
                .map(UpstreamView::of);
    }

    @GET
    @PermissionsAllowed(Permissions.UPSTREAMS_READ)
    public Uni<RestResponse<List<UpstreamView>>> list(@RestQuery String limit, @RestQuery String after, UriInfo uri) {
        PageRequest page = PageRequest.of(limit, after, paging);
        return store.list(page).map(found -> found.response(page, uri));
    }

    /** Removes a server: this replica disconnects it at once, the others at their next refresh. */
    @DELETE
    @Path("/{id}")
    @PermissionsAllowed(Permissions.UPSTREAMS_WRITE)
    public Uni<Void> remove(@PathParam("id") UUID id) {
        return store.remove(id).invoke(removed -> {
            if (!removed) {
                throw ProblemException.notFound("Upstream server", id);
            }
            directory.removed(id);
        }).replaceWithVoid();
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(Permissions.UPSTREAMS_READ)
    public Uni<UpstreamView> get(@PathParam("id") UUID id) {
        return store.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Upstream server", id));
    }

    /** The server's health on the replica that answers: each replica has its own connection, pinged every interval. */
    @GET
    @Path("/{id}/status")
    @PermissionsAllowed(Permissions.UPSTREAMS_READ)
    public Uni<UpstreamStatusView> status(@PathParam("id") UUID id) {
        return store.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Upstream server", id))
                .map(server -> new UpstreamStatusView(id, server.name(), REPLICA, connections.status(id)));
    }

    private static String replicaName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }
}

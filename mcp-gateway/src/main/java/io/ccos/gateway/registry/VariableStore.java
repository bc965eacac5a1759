package io.ccos.gateway.registry;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import io.ccos.platform.tenancy.CallerTenant;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The caller's tenant's variables, sealed in the database. */
@ApplicationScoped
public class VariableStore {

    private final VariableSeal seal;
    private final VariablesConfig config;
    private final CallerTenant tenant;

    public VariableStore(VariableSeal seal, VariablesConfig config, CallerTenant tenant) {
        this.seal = seal;
        this.config = config;
        this.tenant = tenant;
    }

    @WithSession
    public Uni<List<UpstreamVariableView>> list() {
        return UpstreamVariable.<UpstreamVariable>find("order by name").range(0, config.maxPerTenant() - 1).list()
                .map(variables -> variables.stream().map(UpstreamVariableView::of).toList());
    }

    @WithTransaction
    public Uni<UpstreamVariableView> set(String name, String value, String by) {
        return UpstreamVariable.<UpstreamVariable>find("name", name).firstResult().chain(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : UpstreamVariable.count().map(held -> {
                    if (held >= config.maxPerTenant()) {
                        throw new ProblemException(ProblemType.CONFLICT, "Your organization holds " + held + " variables, the most allowed");
                    }
                    UpstreamVariable fresh = new UpstreamVariable();
                    fresh.id = UUID.randomUUID();
                    fresh.name = name;
                    return fresh;
                })).chain(variable -> {
                    variable.valueSealed = seal.seal(tenant.id(), name, value); // the row's tenant: the caller's
                    variable.updatedBy = by;
                    variable.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return variable.<UpstreamVariable>persistAndFlush();
                }).map(UpstreamVariableView::of);
    }

    /** False when the tenant has no variable of that name. */
    @WithTransaction
    public Uni<Boolean> remove(String name) {
        return UpstreamVariable.delete("name", name).map(deleted -> deleted > 0);
    }
}

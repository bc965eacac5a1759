package io.ccos.agent.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ccos.platform.problem.ProblemException;
import io.ccos.platform.tenancy.CallerTenant;
import io.ccos.platform.tenancy.UnitOfWork;
import io.ccos.testing.stack.IsolatedService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The tenant guarantee at the level of queries (io.ccos.platform.tenancy.TenantOwnedEntity): queries that
 * name no tenant at all, counts and loads by id see only the rows of the unit of work's tenant, and work
 * bound to no tenant fails instead of seeing every tenant's rows.
 */
@QuarkusTest
@WithTestResource(IsolatedService.class)
class TenantFilterTest {

    @Inject
    CallerTenant tenant;

    private final String name = "filter-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    @RunOnVertxContext
    void queriesThatNameNoTenantSeeOnlyTheBoundTenantsRows(UniAsserter asserter) {
        AtomicReference<UUID> globexAgent = new AtomicReference<>();
        asserter.execute(() -> store("acme"));
        asserter.execute(() -> store("globex").invoke(agent -> globexAgent.set(agent.id)));

        asserter.execute(() -> tenant.actAs("acme"));
        asserter.assertThat(() -> Panache.withSession(() -> AgentDefinition.<AgentDefinition>find("name", name).list()), agents -> {
            assertEquals(1, agents.size(), "one agent of that name per tenant, and only acme's is visible");
            assertEquals("acme", agents.get(0).tenantId);
        });
        asserter.assertEquals(() -> Panache.withSession(() -> AgentDefinition.count("name", name)), 1L);
        asserter.assertThat(() -> Panache.withSession(() -> AgentDefinition.<AgentDefinition>findById(globexAgent.get())),
                agent -> assertNull(agent, "globex's agent, loaded by its id as acme"));
        asserter.assertThat(() -> Panache.withSession(() -> AgentDefinition.<AgentDefinition>find(
                        "select a from AgentDefinition a where a.id = ?1", globexAgent.get()).firstResult()),
                agent -> assertNull(agent, "globex's agent, queried by its id as acme"));

        asserter.execute(() -> tenant.actAs("globex"));
        asserter.assertThat(() -> Panache.withSession(() -> AgentDefinition.<AgentDefinition>findById(globexAgent.get())),
                agent -> assertEquals("globex", agent.tenantId));
    }

    @Test
    @RunOnVertxContext
    void workBoundToNoTenantFails(UniAsserter asserter) {
        asserter.assertFailedWith(() -> onFreshUnitOfWork(() -> Panache.withSession(() -> AgentDefinition.count())), ProblemException.class);
        asserter.assertFailedWith(() -> onFreshUnitOfWork(() -> Panache.withTransaction(() -> agent().persist())), ProblemException.class);
    }

    private Uni<AgentDefinition> store(String tenantId) {
        tenant.actAs(tenantId);
        return Panache.withTransaction(() -> agent().persist());
    }

    private AgentDefinition agent() {
        AgentDefinition agent = new AgentDefinition();
        agent.id = UUID.randomUUID();
        agent.name = name;
        agent.description = "Checks the tenant filter";
        agent.prompt = "-";
        agent.definedBy = "test";
        agent.definedAt = Instant.now();
        return agent;
    }

    /** A unit of work of its own, to which no tenant has been bound. */
    private static <T> Uni<T> onFreshUnitOfWork(Supplier<Uni<? extends T>> work) {
        return UnitOfWork.run(Vertx.currentContext().owner(), work);
    }
}

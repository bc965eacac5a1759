package io.ccos.systemtests.hooks;

import io.ccos.testing.stack.ServiceReplica;
import io.ccos.testing.stack.Stack;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes runs hook-service as several replicas behind one Service, and Claude Code's hook requests land
 * on any of them: a registry change must reach every replica's memory, not the one that owns its partition
 * in a shared consumer group.
 */
class RegistryOnEveryReplicaTest {

    @Test
    void aRegistryChangeIsAppliedByEveryReplica() throws Exception {
        try (ServiceReplica second = ServiceReplica.start(Stack.repositoryRoot(), "hook-service", "hook-service-2", Stack.freePort(),
                Map.of())) {
            for (int change = 0; change < 2; change++) {
                String marker = UUID.randomUUID().toString().substring(0, 8);
                HookFixtures.storeRegistry("""
                        {"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "rule", "if": "Bash(git push *)",
                          "decision": "deny", "reason": "replicated %s"}]}]}}""".formatted(marker));
                HookFixtures.awaitApplied(marker);
                HookFixtures.awaitApplied(second.url(), marker);
            }
        }
    }
}

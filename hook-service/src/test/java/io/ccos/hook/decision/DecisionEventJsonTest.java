package io.ccos.hook.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ccos.contracts.audit.AuditRecorded;
import io.ccos.contracts.hooks.HookDecided;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written writers must produce what Jackson writes for the records, which consumers read back. */
class DecisionEventJsonTest {

    // Quarkus's defaults: Java time as ISO-8601 text, nulls written.
    private static final ObjectMapper RECORDS = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper WRITERS = RECORDS.copy().registerModule(DecisionEventJson.module());

    @Test
    void aDecisionIsWrittenAsItsRecord() throws Exception {
        for (HookDecided decided : List.of(
                new HookDecided("d-1", "globex-developer", "s-1", "p-1", "toolu_1", "PreToolUse", "Bash", "deny", "no \"force\"\n pushes",
                        List.of(new HookDecided.HookRun("no-force-push", "rule", "deny", null, false, 3),
                                new HookDecided.HookRun("lint", "command", "error", "exit 1: ünïcode", true, 4100)),
                        45, Instant.parse("2026-12-02T18:23:52.123456789Z")),
                new HookDecided("d-2", "u", null, null, null, "Stop", null, "none", null, List.of(), 0, Instant.parse("2026-12-02T18:23:52Z")))) {
            String written = WRITERS.writeValueAsString(decided);
            assertEquals(RECORDS.readTree(RECORDS.writeValueAsString(decided)), RECORDS.readTree(written), written);
            assertEquals(decided, RECORDS.readValue(written, HookDecided.class));
        }
    }

    @Test
    void anAuditRecordIsWrittenAsItsRecord() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decisionId", "d-1");
        details.put("hooks", List.of("a", "b"));
        details.put("registryVersion", 7L);
        details.put("reason", null);
        for (AuditRecorded audit : List.of(
                new AuditRecorded("globex-developer", "hook.decide", "tool_use/toolu_1", "deny", Instant.parse("2026-12-02T18:23:52.5Z"), details),
                new AuditRecorded("u", "hook.decide", "hook/Stop", "none", Instant.parse("2026-12-02T18:23:52Z"), null))) {
            String written = WRITERS.writeValueAsString(audit);
            assertEquals(RECORDS.readTree(RECORDS.writeValueAsString(audit)), RECORDS.readTree(written), written);
        }
    }
}

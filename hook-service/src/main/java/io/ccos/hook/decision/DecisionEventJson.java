package io.ccos.hook.decision;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.ccos.contracts.audit.AuditRecorded;
import io.ccos.contracts.hooks.HookDecided;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the two events of every decision (ccos.hook.decisions, ccos.audit) field by field. Jackson's
 * default for records reads each component by reflection, which was a tenth of a decision's cost; these
 * write exactly the same JSON (DecisionEventJsonTest holds them to the records' default form), so
 * consumers read them as the records of contracts/.
 */
@Singleton
public class DecisionEventJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
    }

    static SimpleModule module() {
        return new SimpleModule("ccos-decision-events")
                .addSerializer(HookDecided.class, new DecidedSerializer())
                .addSerializer(AuditRecorded.class, new AuditSerializer());
    }

    static final class DecidedSerializer extends StdSerializer<HookDecided> {
        DecidedSerializer() {
            super(HookDecided.class);
        }

        @Override
        public void serialize(HookDecided decided, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            out.writeStringField("decisionId", decided.decisionId());
            out.writeStringField("user", decided.user());
            out.writeStringField("sessionId", decided.sessionId());
            out.writeStringField("promptId", decided.promptId());
            out.writeStringField("toolUseId", decided.toolUseId());
            out.writeStringField("event", decided.event());
            out.writeStringField("toolName", decided.toolName());
            out.writeStringField("outcome", decided.outcome());
            out.writeStringField("reason", decided.reason());
            out.writeArrayFieldStart("hooks");
            for (HookDecided.HookRun run : decided.hooks()) {
                out.writeStartObject();
                out.writeStringField("id", run.id());
                out.writeStringField("kind", run.kind());
                out.writeStringField("outcome", run.outcome());
                out.writeStringField("error", run.error());
                out.writeBooleanField("failedClosed", run.failedClosed());
                out.writeNumberField("durationMicros", run.durationMicros());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeNumberField("durationMicros", decided.durationMicros());
            out.writeStringField("decidedAt", decided.decidedAt() == null ? null : decided.decidedAt().toString()); // ISO-8601, as JavaTimeModule
            out.writeEndObject();
        }
    }

    static final class AuditSerializer extends StdSerializer<AuditRecorded> {
        AuditSerializer() {
            super(AuditRecorded.class);
        }

        @Override
        public void serialize(AuditRecorded audit, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            out.writeStringField("actor", audit.actor());
            out.writeStringField("action", audit.action());
            out.writeStringField("resource", audit.resource());
            out.writeStringField("outcome", audit.outcome());
            out.writeStringField("at", audit.at() == null ? null : audit.at().toString());
            if (audit.details() == null) {
                out.writeNullField("details");
            } else {
                out.writeObjectFieldStart("details");
                for (Map.Entry<String, Object> detail : audit.details().entrySet()) {
                    provider.defaultSerializeField(detail.getKey(), detail.getValue(), out);
                }
                out.writeEndObject();
            }
            out.writeEndObject();
        }
    }
}

package io.ccos.hook.configstate;

import io.ccos.contracts.config.ConfigChanged;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * Writes a ConfigChanged that could not be processed to the dead-letter topic. SmallRye's dead-letter queue
 * looks for the serializer named like the channel's deserializer, so this class must keep its name.
 */
public class ConfigChangedSerializer extends ObjectMapperSerializer<ConfigChanged> {
}

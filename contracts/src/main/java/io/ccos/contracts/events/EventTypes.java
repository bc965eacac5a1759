package io.ccos.contracts.events;

/** CloudEvents {@code type} values: {@code io.ccos.<entity>.<verb>}. */
public final class EventTypes {

    public static final String CONFIG_CHANGED = "io.ccos.config.changed";

    private EventTypes() {
    }
}

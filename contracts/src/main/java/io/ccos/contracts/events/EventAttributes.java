package io.ccos.contracts.events;

/**
 * How a ccos event is laid out on a Kafka record (CloudEvents 1.0, binary content mode): the data is
 * the JSON record value, the attributes travel as {@code ce_*} headers, the W3C trace context as
 * {@code traceparent}/{@code tracestate} headers.
 */
public final class EventAttributes {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** CloudEvents extension attribute naming the tenant (extension names are lower-case alphanumerics). */
    public static final String TENANT_EXTENSION = "tenant";
    /** Header prefix of CloudEvents attributes in Kafka binary mode. */
    public static final String KAFKA_HEADER_PREFIX = "ce_";

    private EventAttributes() {
    }

    /** The CloudEvents {@code source} of events published by a service. */
    public static String sourceOf(String serviceName) {
        return "/ccos/" + serviceName;
    }

    /**
     * The record key: tenant and entity id, so that all events of one entity land on one partition, in
     * order, and compaction keeps the latest state of each entity per tenant.
     */
    public static String recordKey(String tenantId, String entityId) {
        return tenantId + "/" + entityId;
    }
}

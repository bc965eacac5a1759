package io.ccos.hook.configstate;

import io.ccos.platform.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The latest version of a tenant's settings document that hook-service has applied. */
@Entity
@Table(name = "known_config")
public class KnownConfig extends TenantOwnedEntity {

    @Id
    @Column(name = "document_id")
    public UUID documentId;

    public String scope;

    public String name;

    public long version;

    @Column(name = "changed_by")
    public String changedBy;

    /** The CloudEvent that brought this version. */
    @Column(name = "event_id")
    public String eventId;

    /** The trace the change belongs to: from the request in config-service to this consumer. */
    @Column(name = "trace_id")
    public String traceId;

    @Column(name = "received_at")
    public Instant receivedAt;
}

package io.ccos.session.catalog;

import io.ccos.platform.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A Claude Code session known to ccos; its transcript records will hang off it. */
@Entity
@Table(name = "session")
public class Session extends TenantOwnedEntity {

    @Id
    public UUID id;

    /** The session id Claude Code uses (transcript file name, hook input's session_id). */
    @Column(name = "claude_session_id")
    public String claudeSessionId;

    /** The working directory the session ran in. */
    public String project;

    @Column(name = "registered_by")
    public String registeredBy;

    @Column(name = "registered_at")
    public Instant registeredAt;
}

package io.ccos.hook.keys;

import io.ccos.platform.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A hook key of a user of the tenant: its id is public (the first part of the key), its secret is not stored. */
@Entity
@Table(name = "hook_key")
public class HookKey extends TenantOwnedEntity {

    @Id
    public String id;

    @Column(name = "user_subject")
    public String user;

    public String name;

    @Column(name = "secret_sha256")
    public byte[] secretSha256;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "changed_at")
    public Instant changedAt;
}

package io.ccos.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How hot-path routes reuse the verification of a bearer token they saw before ({@link VerifiedTokens}):
 * {@code ccos.security.verified-tokens.*}.
 */
@ConfigMapping(prefix = "ccos.security.verified-tokens")
public interface VerifiedTokensConfig {

    /** Tokens remembered at once; beyond it the least used are forgotten (and verified again when they come back). */
    @WithDefault("10000")
    int maxSize();

    /**
     * Longest reuse of one verification, however far the token's expiry: it bounds how long a token keeps
     * passing after its signing key left the realm's key set.
     */
    @WithDefault("60s")
    Duration maxAge();

    /** A longer token is verified on every request (it bounds the memory the cache holds). */
    @WithDefault("8192")
    int maxTokenLength();
}

package io.ccos.gateway.downstream;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Session ids that carry their own state: who opened the session, in which tenant, on which endpoint, at which
 * protocol version and when, signed with the replicas' shared key. Any replica checks one from memory, so that
 * a client's requests may land on any replica and none is lost when a replica goes away.
 */
@ApplicationScoped
public class McpSessions {

    /** What a session id says. */
    public record Session(String tenant, String user, String endpoint, String protocolVersion, long openedAtMillis) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom NONCES = new SecureRandom();

    private final SecretKeySpec key;
    private final long maxAgeMillis;
    private final ThreadLocal<Mac> macs;

    public McpSessions(McpConfig config) {
        String signingKey = config.sessions().signingKey();
        if (signingKey.length() < 32) {
            throw new IllegalArgumentException("ccos.gateway.mcp.sessions.signing-key must have at least 32 characters");
        }
        this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.maxAgeMillis = config.sessions().maxAge().toMillis();
        this.macs = ThreadLocal.withInitial(this::mac);
    }

    /** A new session's id. */
    public String open(String tenant, String user, String endpoint, String protocolVersion) {
        byte[] nonce = new byte[9];
        NONCES.nextBytes(nonce);
        String payload = String.join("\n", tenant, user, endpoint, protocolVersion, Long.toString(System.currentTimeMillis()),
                ENCODER.encodeToString(nonce));
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(sign(encoded));
    }

    /** The session an id stands for, if it is one of ours, unexpired; empty for anything else (the transport's 404). */
    public Optional<Session> read(String id) {
        int dot = id.indexOf('.');
        if (dot <= 0 || id.length() > 4096) {
            return Optional.empty();
        }
        String encoded = id.substring(0, dot);
        byte[] signature;
        String[] fields;
        try {
            signature = DECODER.decode(id.substring(dot + 1));
            fields = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(signature, sign(encoded)) || fields.length != 6) {
            return Optional.empty();
        }
        long openedAt;
        try {
            openedAt = Long.parseLong(fields[4]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (System.currentTimeMillis() - openedAt > maxAgeMillis) {
            return Optional.empty();
        }
        return Optional.of(new Session(fields[0], fields[1], fields[2], fields[3], openedAt));
    }

    private byte[] sign(String encoded) {
        return macs.get().doFinal(encoded.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}

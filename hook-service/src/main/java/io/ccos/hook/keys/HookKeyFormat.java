package io.ccos.hook.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hook key is {@code ccoshk_<id>.<secret>}: a 16-byte id and a 32-byte secret, base64url. The id finds
 * the key, a SHA-256 of the secret checks it (a secret of 256 random bits needs no slow hash).
 */
final class HookKeyFormat {

    static final String PREFIX = io.ccos.contracts.security.HookKeys.PREFIX;
    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX) + "([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    record Parsed(String id, String secret) {
    }

    record Minted(String id, String key, byte[] secretSha256) {
    }

    private HookKeyFormat() {
    }

    static Minted mint() {
        byte[] id = new byte[16];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String idText = ENCODER.encodeToString(id);
        String secretText = ENCODER.encodeToString(secret);
        return new Minted(idText, PREFIX + idText + "." + secretText, sha256(secretText));
    }

    static Optional<Parsed> parse(String key) {
        Matcher matcher = SHAPE.matcher(key);
        return matcher.matches() ? Optional.of(new Parsed(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package io.ccos.hook.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A hook key is {@code ccoshk_<id>.<secret>}: a 16-byte id and a 32-byte secret, base64url. The id finds
 * the key, a SHA-256 of the secret checks it (a secret of 256 random bits needs no slow hash).
 */
final class HookKeyFormat {

    static final String PREFIX = io.ccos.contracts.security.HookKeys.PREFIX;
    private static final int ID_LENGTH = 22; // 16 bytes, base64url without padding
    private static final int SECRET_LENGTH = 43; // 32 bytes
    private static final int KEY_LENGTH = PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH;
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

    /** The id and secret of {@code ccoshk_<22 base64url>.<43 base64url>}; checked by hand: every decision asks. */
    static Optional<Parsed> parse(String key) {
        int dot = PREFIX.length() + ID_LENGTH;
        if (key.length() != KEY_LENGTH || !key.startsWith(PREFIX) || key.charAt(dot) != '.'
                || !isBase64Url(key, PREFIX.length(), dot) || !isBase64Url(key, dot + 1, KEY_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(key.substring(PREFIX.length(), dot), key.substring(dot + 1)));
    }

    private static boolean isBase64Url(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

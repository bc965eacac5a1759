package io.ccos.gateway.registry;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals variable values for the database and opens them again (AES-256-GCM, a random 96-bit nonce per value,
 * the tenant and the variable's name bound as associated data so that a sealed value copied to another row
 * does not open).
 */
@ApplicationScoped
public class VariableSeal {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom NONCES = new SecureRandom();

    private final SecretKeySpec key;

    public VariableSeal(VariablesConfig config) {
        String sealingKey = config.sealingKey();
        if (sealingKey.length() < 32) {
            throw new IllegalArgumentException("ccos.gateway.variables.sealing-key must have at least 32 characters");
        }
        try {
            this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(sealingKey.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    String seal(String tenant, String name, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, tenant, name);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a variable could not be sealed", e);
        }
    }

    /** The value, or an exception when it was sealed with another key or for another row. */
    String open(String tenant, String name, String sealed) throws GeneralSecurityException {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        if (bytes.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("too short to be a sealed value");
        }
        byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, tenant, name);
        return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
    }

    private Cipher cipher(int mode, byte[] nonce, String tenant, String name) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((tenant + "\n" + name).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}

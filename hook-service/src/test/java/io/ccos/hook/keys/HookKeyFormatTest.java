package io.ccos.hook.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HookKeyFormatTest {

    @Test
    void aMintedKeyParsesIntoItsIdAndSecret() {
        HookKeyFormat.Minted minted = HookKeyFormat.mint();
        HookKeyFormat.Parsed parsed = HookKeyFormat.parse(minted.key()).orElseThrow();
        assertEquals(minted.id(), parsed.id());
        assertArrayEquals(minted.secretSha256(), HookKeyFormat.sha256(parsed.secret()));
    }

    @Test
    void anythingElseIsNotAKey() {
        String key = HookKeyFormat.mint().key();
        int dot = key.indexOf('.');
        for (String spoiled : new String[] {
                "", "ccoshk_", key.substring(0, key.length() - 1), key + "A", key.replace("ccoshk_", "ccoshx_"),
                key.substring(0, dot) + "_" + key.substring(dot + 1), key.substring(0, dot + 1) + "=" + key.substring(dot + 2),
                key.substring(0, 10) + "+" + key.substring(11), key.toUpperCase().replace("CCOSHK_", "ccoshk_").replace('.', '/')}) {
            assertTrue(HookKeyFormat.parse(spoiled).isEmpty(), spoiled);
        }
    }
}

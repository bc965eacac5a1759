package io.ccos.platform.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What may go on to OIDC: a compact JWS whose header names an algorithm and a key. */
class BearerTokenShapeTest {

    private final BearerTokenShape shape = new BearerTokenShape(new EdgeDefaults(), null, new ObjectMapper());

    @Test
    void aSignedJwtWithAKeyIdPasses() {
        assertNull(shape.defect(jwt("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"abc\"}")));
    }

    @Test
    void aHeaderSeenBeforeStillNeedsTheRestOfTheShape() {
        String good = jwt("{\"alg\":\"RS256\",\"kid\":\"abc\"}");
        assertNull(shape.defect(good));
        assertNull(shape.defect(good), "the remembered header");
        String header = good.substring(0, good.indexOf('.'));
        assertNotNull(shape.defect(header + ".e30"), "two parts");
        assertNotNull(shape.defect(header + ".e3 0.sig"), "not base64url");
        assertEquals("names no signing key (kid)", shape.defect(jwt("{\"alg\":\"RS256\"}")), "another header is parsed again");
    }

    @Test
    void everythingElseIsRefusedWithAReason() {
        assertEquals("is not a signed JWT (three base64url parts separated by dots)", shape.defect("."));
        assertNotNull(shape.defect(""));
        assertNotNull(shape.defect(".."));
        assertNotNull(shape.defect("a.b"));
        assertNotNull(shape.defect(".b.c"), "an empty part");
        assertNotNull(shape.defect("a..c"), "an empty part");
        assertNotNull(shape.defect("a.b."), "an empty part");
        assertNotNull(shape.defect("a.b.c\n"), "a control character");
        assertNotNull(shape.defect("a.b.c.d.e"), "an encrypted token (JWE) is not accepted");
        assertNotNull(shape.defect("2YotnFZFEjr1zCsicMWpAA"), "an opaque token would need introspection");
        assertEquals("has a header that is not base64url-encoded JSON", shape.defect("x.e30.x"));
        assertEquals("has a header that is not a JSON object", shape.defect(jwt("[1]")));
        assertEquals("names no signing key (kid)", shape.defect(jwt("{\"alg\":\"RS256\"}")));
        assertEquals("is not signed", shape.defect(jwt("{\"alg\":\"none\",\"kid\":\"x\"}")));
        assertEquals("is longer than 8192 characters", shape.defect("a".repeat(8193)));
    }

    private static String jwt(String header) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + ".eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    }
}

package io.ccos.platform.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every service reads JSON one strict way: one meaning per body, exact numbers, only storable text. */
class StrictJsonTest {

    record Registration(String claudeSessionId, String project, int count, List<String> tools) {
    }

    private final ObjectMapper json = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson(new EdgeDefaults()).customize(mapper);
        return mapper;
    }

    @Test
    void aDuplicateKeyIsRefusedEvenAfterTheRecordIsComplete() {
        JsonParseException duplicate = assertThrows(JsonParseException.class, () -> json.readValue(
                "{\"claudeSessionId\":\"a\",\"project\":\"/p\",\"count\":1,\"tools\":[],\"claudeSessionId\":\"b\"}", Registration.class));
        assertTrue(duplicate.getOriginalMessage().startsWith("Duplicate field 'claudeSessionId'"));
        assertThrows(JsonParseException.class, () -> json.readTree("{\"a\":{\"k\":1,\"k\":2}}"));
    }

    @Test
    void dataAfterTheDocumentIsRefused() {
        assertThrows(JsonParseException.class, () -> json.readTree("{\"a\":1} x"), "not JSON after the document");
        assertThrows(MismatchedInputException.class, () -> json.readValue("{\"a\":1} {}", Map.class), "a second document");
    }

    @Test
    void scalarsAreNotCoerced() {
        assertThrows(MismatchedInputException.class, () -> json.readValue(
                "{\"claudeSessionId\":123,\"project\":\"/p\",\"count\":1,\"tools\":[]}", Registration.class));
        assertThrows(MismatchedInputException.class, () -> json.readValue(
                "{\"claudeSessionId\":\"a\",\"project\":\"/p\",\"count\":\"1\",\"tools\":[]}", Registration.class));
        assertThrows(MismatchedInputException.class, () -> json.readValue(
                "{\"claudeSessionId\":\"a\",\"project\":\"/p\",\"count\":1.5,\"tools\":[]}", Registration.class));
        assertThrows(MismatchedInputException.class, () -> json.readValue(
                "{\"claudeSessionId\":\"a\",\"project\":\"/p\",\"count\":1,\"tools\":[true]}", Registration.class));
    }

    @Test
    void textPostgresqlCannotStoreIsRefusedNamingTheField() throws Exception {
        UnstorableTextException inRecord = assertThrows(UnstorableTextException.class, () -> json.readValue(
                "{\"claudeSessionId\":\"a\",\"project\":\"/p\\u0000\",\"count\":1,\"tools\":[]}", Registration.class));
        assertEquals("/project", inRecord.pointer());
        UnstorableTextException inList = assertThrows(UnstorableTextException.class, () -> json.readValue(
                "{\"claudeSessionId\":\"a\",\"project\":\"/p\",\"count\":1,\"tools\":[\"ok\",\"\\ud800\"]}", Registration.class));
        assertEquals("/tools/1", inList.pointer());
        UnstorableTextException inDocument = assertThrows(UnstorableTextException.class,
                () -> json.readValue("{\"permissions\":{\"deny\":[\"ok\",\"a\\u0000b\"]}}", Map.class));
        assertEquals("/permissions/deny/1", inDocument.pointer());
        UnstorableTextException inName = assertThrows(UnstorableTextException.class,
                () -> json.readTree("{\"env\":{\"PATH\\u0000\":\"x\"}}"));
        assertEquals("/env/PATH\u0000", inName.pointer());
        assertEquals("\ud83d\ude00", json.readValue("\"\\ud83d\\ude00\"", String.class), "a surrogate pair is fine");
    }

    @Test
    void numbersAreKeptExactly() throws Exception {
        JsonNode tree = json.readTree("{\"huge\":1e400,\"fine\":0.1000000000000000000001}");
        assertEquals(0, new BigDecimal("1e400").compareTo(tree.path("huge").decimalValue()));
        assertEquals(new BigDecimal("0.1000000000000000000001"), tree.path("fine").decimalValue());
        Map<?, ?> document = json.readValue("{\"fine\":0.1000000000000000000001}", Map.class);
        assertEquals(new BigDecimal("0.1000000000000000000001"), document.get("fine"));
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        String deep = "[".repeat(65) + "]".repeat(65);
        assertThrows(StreamConstraintsException.class, () -> json.readTree(deep));
        assertEquals(64, depth(assertDoesNotThrow("[".repeat(64) + "]".repeat(64))));
    }

    private JsonNode assertDoesNotThrow(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int depth(JsonNode node) {
        return node.isArray() && !node.isEmpty() ? 1 + depth(node.get(0)) : node.isArray() ? 1 : 0;
    }
}

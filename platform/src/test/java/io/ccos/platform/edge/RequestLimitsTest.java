package io.ccos.platform.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestLimitsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/hooks/PreToolUse                 | false",
        "/api/v1/a%20b?q=%2F%41%7e                | false",
        "/api/v1/a%0aforged                       | true",
        "/api/v1/a%0D%0A                          | true",
        "/api/v1/a%1f                             | true",
        "/api/v1/a%7F                             | true",
        "/api/v1/a%7f                             | true",
        "/api/v1/a%00b                            | true",
        "/api/v1/a%2                              | false",
        "/api/v1/a%                               | false",
        "/api/v1/a%0                              | false",
        "/api/v1/a%0g                             | false",
        "/api/v1/%80                              | false",
    })
    void controlCharactersAreFoundRawOrPercentEncoded(String target, boolean expected) {
        assertEquals(expected, RequestLimits.hasControlCharacter(target));
    }

    @org.junit.jupiter.api.Test
    void rawControlCharactersAndDelAreFound() {
        assertEquals(true, RequestLimits.hasControlCharacter("/a\nb"));
        assertEquals(true, RequestLimits.hasControlCharacter("/a\u007f"));
        assertEquals(true, RequestLimits.hasControlCharacter("/a\u0000"));
        assertEquals(false, RequestLimits.hasControlCharacter("/caf\u00e9"));
    }
}

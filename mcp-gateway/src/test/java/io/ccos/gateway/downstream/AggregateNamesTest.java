package io.ccos.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccos.gateway.downstream.AggregateNames.Qualified;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every name /mcp gives leads back to its server and the server's own name. */
class AggregateNamesTest {

    private final AggregateNames names = new AggregateNames("__");

    @Test
    void toolAndPromptNamesSplitAtTheFirstSeparator() {
        assertEquals("github__create_issue", names.name("github", "create_issue"));
        assertEquals(Optional.of(new Qualified("github", "create_issue")), names.ofName("github__create_issue"));
        assertEquals(Optional.of(new Qualified("github", "a__b")), names.ofName("github__a__b"), "the server's own name may hold the separator");
        assertEquals(Optional.empty(), names.ofName("create_issue"));
        assertEquals(Optional.empty(), names.ofName("__create_issue"));
        assertEquals(Optional.empty(), names.ofName("github__"));
        assertEquals(Optional.empty(), names.ofName(null));
    }

    @Test
    void resourceUrisCarryTheServersUriWhole() {
        String uri = names.uri("files", "file:///docs/a.md?x=1#y");
        assertEquals("ccos://files/file:///docs/a.md?x=1#y", uri);
        assertEquals(Optional.of(new Qualified("files", "file:///docs/a.md?x=1#y")), names.ofUri(uri));
        assertEquals(Optional.of(new Qualified("files", "demo://resource/dynamic/text/{id}")),
                names.ofUri(names.uri("files", "demo://resource/dynamic/text/{id}")), "a template the same way");
        assertEquals(Optional.empty(), names.ofUri("file:///docs/a.md"));
        assertEquals(Optional.empty(), names.ofUri("ccos://files"));
        assertEquals(Optional.empty(), names.ofUri("ccos://files/"));
        assertEquals(Optional.empty(), names.ofUri("ccos:///file:///x"));
        assertEquals(Optional.empty(), names.ofUri(null));
    }
}

package io.ccos.platform.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TenantOwnershipCheckTest {

    static class Owned extends TenantOwnedEntity {
    }

    static class Shared {
    }

    @Test
    void namesEveryEntityThatIsNotTenantOwned() {
        assertEquals(List.of(Shared.class.getName()), TenantOwnershipCheck.untenanted(List.of(Owned.class, Shared.class)));
        assertEquals(List.of(), TenantOwnershipCheck.untenanted(List.of(Owned.class)));
    }
}

package io.ccos.testing.auth;

/**
 * A user of the realm's test population (deploy/keycloak/ccos-realm.json): one per tenant and role, named
 * {@code <tenant>-<role>}, plus {@code <tenant>-nobody} who has no role at all.
 */
public record TestUser(String tenant, String role) {

    public static final String ACME = "acme";
    public static final String GLOBEX = "globex";
    public static final String NO_ROLE = "nobody";
    /** Password of every test user; the realm is for development and tests only. */
    static final String PASSWORD = "ccos-dev";

    public static TestUser of(String tenant, String role) {
        return new TestUser(tenant, role);
    }

    public String username() {
        return tenant + "-" + role;
    }
}

package io.ccos.testing.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test resource of every in-process service test ({@code @WithTestResource(IsolatedService.class)}).
 * It checks that the stack `./suite up` runs is there (and says what to run when it is not), then gives the
 * service under test its own corner of that stack, so that a test cannot pass because the separately
 * running copy of the same service did the work:
 * <ul>
 *   <li>its own database schema, {@code <schema>_test}, migrated by Flyway at start (the running copy uses
 *       {@code <schema>}): no row written by one is seen by the other;</li>
 *   <li>its own consumer group on every incoming channel, {@code <service>-test-<channel>}, so it receives
 *       every record itself instead of sharing partitions with the running copy (one group per channel:
 *       two channels may read the same topic, e.g. a service-wide consumer and a per-replica follower).</li>
 * </ul>
 * Both are read from the service's own {@code application.properties} ({@code ccos.db.schema},
 * {@code quarkus.application.name}, {@code mp.messaging.incoming.<channel>.connector}).
 */
public class IsolatedService implements QuarkusTestResourceLifecycleManager {

    /** Appended to the schema and the consumer groups of a service under test. */
    public static final String SUFFIX = "_test";
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");

    @Override
    public Map<String, String> start() {
        StackCheck.requireRunning();
        return overrides(serviceProperties());
    }

    @Override
    public void stop() {
    }

    /** The configuration that isolates a service described by its application.properties. */
    static Map<String, String> overrides(Properties service) {
        String name = required(service, "quarkus.application.name");
        Map<String, String> overrides = new HashMap<>();
        overrides.put("ccos.db.schema", required(service, "ccos.db.schema") + SUFFIX);
        for (String key : service.stringPropertyNames()) {
            Matcher incoming = INCOMING.matcher(key);
            if (incoming.matches()) {
                overrides.put("mp.messaging.incoming." + incoming.group(1) + ".group.id", name + "-test-" + incoming.group(1));
            }
        }
        return overrides;
    }

    private static Properties serviceProperties() {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("No application.properties on the test class path: IsolatedService is for service modules");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the service's application.properties", e);
        }
        return properties;
    }

    private static String required(Properties service, String key) {
        String value = service.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The service's application.properties must set " + key);
        }
        return value.strip();
    }
}

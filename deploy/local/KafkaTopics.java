import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Waits until the broker answers, then creates the topics of deploy/kafka/topics.conf that do not exist yet.
 * Run by `./suite up` as a single-file program on the broker's own classpath:
 * {@code java -cp 'lib/*' KafkaTopics.java BOOTSTRAP TOPICS_FILE TIMEOUT_SECONDS}.
 */
public class KafkaTopics {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Path topicsFile = Path.of(args[1]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[2]));

        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = awaitBroker(admin, bootstrap, Instant.now().plus(timeout));
            List<NewTopic> missing = new ArrayList<>();
            for (String line : Files.readAllLines(topicsFile)) {
                String[] fields = line.strip().split("\\s+");
                if (fields[0].isEmpty() || fields[0].startsWith("#") || existing.contains(fields[0])) {
                    continue;
                }
                missing.add(new NewTopic(fields[0], Integer.parseInt(fields[1]), (short) 1)
                        .configs(Map.of("cleanup.policy", fields[2], "retention.ms", fields[3])));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            System.out.println("topics: " + missing.size() + " created, " + existing.size() + " already there");
        }
    }

    private static Set<String> awaitBroker(Admin admin, String bootstrap, Instant deadline) throws InterruptedException {
        while (true) {
            try {
                return admin.listTopics().names().get();
            } catch (Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    System.err.println("Kafka at " + bootstrap + " did not answer: " + e.getMessage());
                    System.exit(1);
                }
                Thread.sleep(500);
            }
        }
    }
}

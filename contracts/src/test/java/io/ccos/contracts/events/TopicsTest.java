package io.ccos.contracts.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicInTheCodeIsCreatedByTheDeploymentAndNoOther() throws IOException {
        List<String> declared = Files.readAllLines(Path.of("../deploy/kafka/topics.conf")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")[0])
                .sorted()
                .toList();
        assertEquals(Topics.ALL.stream().sorted().toList(), declared);
    }
}

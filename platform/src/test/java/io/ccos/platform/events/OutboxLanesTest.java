package io.ccos.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The relay's lanes: every lane is claimed by exactly one group, and the table computes the same number of lanes. */
class OutboxLanesTest {

    @Test
    void laneGroupsCoverEveryLaneOnceWhateverTheGroupSize() {
        for (int size : new int[] {1, 5, 8, 32}) {
            List<Integer> covered = new ArrayList<>();
            OutboxRelay.laneGroups(size).forEach(group -> {
                assertTrue(group.length <= size);
                covered.addAll(Arrays.asList(group));
            });
            assertEquals(IntStream.range(0, OutboxRelay.LANES).boxed().toList(), covered, "group size " + size);
        }
    }

    @Test
    void theTableSpreadsRowsOverAsManyLanesAsTheRelayClaims() throws IOException {
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/platform/R__event_outbox.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher lane = Pattern.compile("generated always as \\(\\(\\(hashtext\\(record_key\\) & 2147483647\\) % (\\d+)\\)").matcher(migration);
        assertTrue(lane.find(), "the lane column of outbox_event");
        assertEquals(OutboxRelay.LANES, Integer.parseInt(lane.group(1)));
    }

    @Test
    void theNotificationChannelIsTheOneTheTriggerNotifies() throws IOException {
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/platform/R__event_outbox.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(migration.contains("pg_notify('" + OutboxNotifications.channelOf("") + "' || tg_table_schema"));
    }
}

package io.ccos.platform.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** A log record is one line whatever a caller put in the values it carries. */
class LogLinesEscapedTest {

    @Test
    void controlCharactersInAFormattedMessageAreEscaped() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Unknown document %s", ExtLogRecord.FormatStyle.PRINTF, "test");
        record.setParameters(new Object[] {"a\n2026-12-01 00:00:00,000 INFO  [forged] granted\u0000"});
        new LogLinesEscaped().isLoggable(record);
        assertEquals("Unknown document a\\n2026-12-01 00:00:00,000 INFO  [forged] granted\\u0000", record.getFormattedMessage());
    }

    @Test
    void aPlainMessageIsLeftAsItIs() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Started in %d ms", ExtLogRecord.FormatStyle.PRINTF, "test");
        record.setParameters(new Object[] {42});
        new LogLinesEscaped().isLoggable(record);
        assertEquals("Started in 42 ms", record.getFormattedMessage());
        assertEquals(42, record.getParameters()[0]);
    }

    @Test
    void escapingKeepsPrintableTextAndNamesEachControlCharacter() {
        assertEquals("tab\\there\\r\\n\\u001b[31m\\u2028", EscapedLogValues.escape("tab\there\r\n\u001b[31m\u2028"));
        assertEquals("plain ünïcode ✓", EscapedLogValues.escape("plain ünïcode ✓"));
    }
}

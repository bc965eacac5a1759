package io.ccos.platform.edge;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Escapes control characters in every log message (quarkus.log.console.filter), whatever put them there,
 * so that one record is one line in the plain-text format too. Stack traces are not messages: they keep
 * their lines.
 */
@LoggingFilter(name = LogLinesEscaped.NAME)
public final class LogLinesEscaped implements Filter {

    public static final String NAME = "ccos-log-lines-escaped";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            String escaped = EscapedLogValues.escape(message);
            if (message != null && !escaped.equals(message)) {
                ext.setMessage(escaped, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        return true;
    }
}

package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event of the JVM's root logger while attached, rendered as plain text. */
final class LogCapture {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  void attach() {
    appender.start();
    root.addAppender(appender);
  }

  void detach() {
    root.detachAppender(appender);
    appender.stop();
  }

  /** Each event as everything a log line could show: message, arguments, key-values, MDC, stack. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(appender.list)) {
      StringBuilder line = new StringBuilder(event.getFormattedMessage());
      if (event.getArgumentArray() != null) {
        for (Object argument : event.getArgumentArray()) {
          line.append(' ').append(argument);
        }
      }
      if (event.getKeyValuePairs() != null) {
        event
            .getKeyValuePairs()
            .forEach(kv -> line.append(' ').append(kv.key).append('=').append(kv.value));
      }
      line.append(' ').append(event.getMDCPropertyMap());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
        for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
          line.append(' ').append(frame.getSTEAsString());
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  void assertNoLineContains(String secret) {
    assertThat(lines()).isNotEmpty().noneMatch(line -> line.contains(secret));
  }
}

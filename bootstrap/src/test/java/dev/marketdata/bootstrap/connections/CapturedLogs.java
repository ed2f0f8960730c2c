package dev.marketdata.bootstrap.connections;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the JVM while open, rendered as a line could show it (message, arguments and
 * the exception chain's messages); the Kafka clients' INFO too, which is where they print their
 * whole configuration.
 */
final class CapturedLogs implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger kafkaClients = (Logger) LoggerFactory.getLogger("org.apache.kafka.clients");
  private final Level kafkaClientsLevel = kafkaClients.getLevel();

  CapturedLogs() {
    appender.start();
    root.addAppender(appender);
    kafkaClients.setLevel(Level.INFO);
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(appender.list)) {
      StringBuilder line =
          new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " ")
              .append(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public void close() {
    kafkaClients.setLevel(kafkaClientsLevel);
    root.detachAppender(appender);
    appender.stop();
  }
}

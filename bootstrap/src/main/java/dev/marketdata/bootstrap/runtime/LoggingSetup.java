package dev.marketdata.bootstrap.runtime;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.marketdata.bootstrap.config.ServiceConfig;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies the checked logging settings: {@code logback.xml} reads them as the system properties
 * {@code mds.log.format} and {@code mds.log.level}, and is read again in case a logger was created
 * before (a class initialised while the configuration was parsed).
 */
public final class LoggingSetup {
  static final String FORMAT = "mds.log.format";
  static final String LEVEL = "mds.log.level";

  private LoggingSetup() {}

  public static void apply(ServiceConfig.Logging logging) {
    System.setProperty(FORMAT, logging.format().name().toLowerCase(Locale.ROOT));
    System.setProperty(LEVEL, logging.level());
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.reset();
      try {
        new ContextInitializer(context).autoConfig();
      } catch (JoranException e) {
        throw new IllegalStateException("logback.xml cannot be read: " + e.getMessage(), e);
      }
    }
  }
}

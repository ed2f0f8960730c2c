package dev.marketdata.bootstrap;

import dev.marketdata.bootstrap.config.ConfigException;
import dev.marketdata.bootstrap.config.ConfigParser;
import dev.marketdata.bootstrap.config.ConfigSource;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.runtime.EmbeddedServers;
import dev.marketdata.bootstrap.runtime.LoggingSetup;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the service from the environment and stops it gracefully on SIGTERM or Ctrl-C. Settings
 * are checked before anything starts: a bad one, or one that leaves a server to embedded mode in
 * the slim jar, exits with status 2, naming it; any other failure to start exits with 1.
 */
public final class Main {
  static final int CONFIGURATION_REJECTED = 2;
  static final int START_FAILED = 1;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    ConfigSource source;
    ServiceConfig config;
    try {
      source = ConfigSource.fromEnvironment();
      config = ServiceConfig.from(source);
      EmbeddedServers.requireStartable(config);
    } catch (ConfigException e) {
      // Not through the logger: the logging settings may be among the bad ones.
      e.problems().forEach(problem -> System.err.println("configuration rejected: " + problem));
      System.exit(CONFIGURATION_REJECTED);
      return;
    }
    LoggingSetup.apply(config.logging());
    Logger log = LoggerFactory.getLogger(Main.class);
    for (String name : ConfigParser.unknownVariables(source)) {
      log.warn("{} is not a setting of this service and is ignored; is it misspelt?", name);
    }
    MarketDataService service;
    try {
      service = MarketDataService.start(config);
    } catch (RuntimeException | Error e) {
      // An Error (a class missing from a hand-assembled class path) would otherwise end only this
      // thread and leave the JVM running on the event loops' and embedded servers' threads.
      log.error("market-data-service failed to start", e);
      flushLogs(); // the async appender would otherwise lose the reason with the exit
      System.exit(START_FAILED);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutdown requested; stopping within {}", config.shutdown().timeout());
                  service.close();
                  stopped.countDown();
                  // Logback's own hook would race ours; flush the async appender last instead.
                  flushLogs();
                },
                "shutdown"));
    stopped.await();
  }

  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
      context.stop();
    }
  }
}

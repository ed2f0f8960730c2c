package dev.marketdata.bootstrap;

import dev.marketdata.bootstrap.config.ConfigSource;
import dev.marketdata.bootstrap.config.ServiceConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the service from the environment and stops it gracefully on SIGTERM or Ctrl-C. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceConfig config;
    try {
      config = ServiceConfig.from(ConfigSource.fromEnvironment(System.getenv()));
    } catch (RuntimeException e) {
      log.error("configuration rejected: {}", e.getMessage());
      System.exit(2);
      return;
    }
    MarketDataService service;
    try {
      service = MarketDataService.start(config);
    } catch (RuntimeException e) {
      log.error("market-data-service failed to start", e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutdown requested; stopping within {}", config.shutdownTimeout());
                  service.close();
                  stopped.countDown();
                  // Logback's own hook would race ours; flush the async appender last instead.
                  if (LoggerFactory.getILoggerFactory()
                      instanceof ch.qos.logback.classic.LoggerContext context) {
                    context.stop();
                  }
                },
                "shutdown"));
    stopped.await();
  }
}

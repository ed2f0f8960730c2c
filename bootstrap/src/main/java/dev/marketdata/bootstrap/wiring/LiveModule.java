package dev.marketdata.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marketdata.application.live.LiveFeed;
import dev.marketdata.application.live.LiveHub;
import dev.marketdata.application.live.LiveMetrics;
import dev.marketdata.application.live.LiveSettings;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.metrics.MeteredLiveStreams;
import dev.marketdata.domain.port.LiveEventLog;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The live streams of an API process: one hub, one feed, their settings and metrics. */
@Module
public interface LiveModule {
  /** Feed timings are fixed (README "Live data"); the client-facing ones come from config. */
  @Provides
  static LiveSettings liveSettings(ServiceConfig config) {
    ServiceConfig.Stream s = config.stream();
    return new LiveSettings(
        s.maxSymbols(),
        s.maxConnections(),
        s.maxConnectionsPerClient(),
        s.ping(),
        s.idle(),
        s.maxBehind(),
        s.resumeWindow(),
        config.consumer().averageWindows(),
        Duration.ofMillis(50),
        Duration.ofMillis(500),
        500,
        Duration.ofSeconds(10));
  }

  @Provides
  @Singleton
  static LiveHub hub() {
    return new LiveHub();
  }

  @Provides
  @Singleton
  static LiveMetrics liveMetrics(MeterRegistry meters) {
    return new MeteredLiveStreams(meters);
  }

  @Provides
  @Singleton
  static LiveFeed feed(
      LiveEventLog log, LiveHub hub, LiveSettings settings, Clock clock, LiveMetrics metrics) {
    return new LiveFeed(log, hub, settings, clock, metrics);
  }
}

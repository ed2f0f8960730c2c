package dev.marketdata.adapter.provider;

import dagger.Module;
import dagger.Provides;
import dev.marketdata.domain.port.ProviderBudgets;
import dev.marketdata.domain.port.ProviderThrottles;
import io.opentelemetry.api.trace.Tracer;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the provider registry (which implements {@code QuoteProviders}) from its configuration;
 * the component supplies {@link ProvidersConfig}, the clock, and the budgets and throttles (shared
 * by every replica in the service), and closes the registry on shutdown.
 */
@Module
public final class ProvidersModule {
  private ProvidersModule() {}

  @Provides
  @Singleton
  static ProviderRegistry registry(
      ProvidersConfig config,
      Clock clock,
      ProviderThrottles throttles,
      ProviderBudgets budgets,
      Tracer tracer) {
    return ProviderRegistry.create(config, clock, new OutboundLimits(throttles, budgets), tracer);
  }
}

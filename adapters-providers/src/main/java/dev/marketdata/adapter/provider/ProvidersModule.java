package dev.marketdata.adapter.provider;

import dagger.Module;
import dagger.Provides;
import dev.marketdata.domain.port.ProviderThrottles;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the provider registry (which implements {@code QuoteProviders}) from its configuration;
 * the component supplies {@link ProvidersConfig} and the clock, and closes the registry on
 * shutdown. The providers' throttles are remembered in this process.
 */
@Module
public final class ProvidersModule {
  private ProvidersModule() {}

  @Provides
  @Singleton
  static ProviderRegistry registry(
      ProvidersConfig config, Clock clock, ProviderThrottles throttles) {
    return ProviderRegistry.create(config, clock, throttles);
  }

  /** Per process for now; a deployment-wide implementation only needs to replace this binding. */
  @Provides
  @Singleton
  static ProviderThrottles throttles() {
    return new InMemoryProviderThrottles();
  }
}

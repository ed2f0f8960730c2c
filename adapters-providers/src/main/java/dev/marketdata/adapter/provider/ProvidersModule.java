package dev.marketdata.adapter.provider;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the provider registry (which implements {@code QuoteProviders}) from its configuration;
 * the component supplies {@link ProvidersConfig} and the clock, and closes the registry on
 * shutdown.
 */
@Module
public final class ProvidersModule {
  private ProvidersModule() {}

  @Provides
  @Singleton
  static ProviderRegistry registry(ProvidersConfig config, Clock clock) {
    return ProviderRegistry.create(config, clock);
  }
}

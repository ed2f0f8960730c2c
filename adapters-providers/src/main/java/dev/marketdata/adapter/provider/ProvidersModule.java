package dev.marketdata.adapter.provider;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.marketdata.domain.port.QuoteProviders;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the provider registry from its configuration; the component supplies {@link
 * ProvidersConfig} and the clock, and closes the registry on shutdown.
 */
@Module
public interface ProvidersModule {
  @Binds
  QuoteProviders providers(ProviderRegistry registry);

  @Provides
  @Singleton
  static ProviderRegistry registry(ProvidersConfig config, Clock clock) {
    return ProviderRegistry.create(config, clock);
  }
}

package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.ProviderUnavailable;

/** The check that a provider which needs a key was given one. */
final class Keys {
  private Keys() {}

  static String require(HttpProviderConfig config) {
    return config
        .apiKey()
        .orElseThrow(
            () ->
                new ProviderUnavailable(
                    config.id().value(),
                    ProviderUnavailable.Kind.NOT_CONFIGURED,
                    "no API key configured",
                    null));
  }
}

package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.QuoteTimes;
import dev.marketdata.domain.model.Required;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which providers are enabled, which one is the default, and each one's settings. Built from the
 * environment by {@link ProvidersConfigFactory}.
 */
public record ProvidersConfig(
    List<ProviderId> enabled,
    ProviderId defaultProvider,
    HttpProviderConfig alphaVantage,
    HttpProviderConfig finnhub,
    HttpProviderConfig yahoo,
    SimulationConfig simulated) {
  public static final Set<ProviderId> KNOWN =
      Set.of(ProviderId.SIMULATED, ProviderId.FINNHUB, ProviderId.ALPHA_VANTAGE, ProviderId.YAHOO);

  public ProvidersConfig {
    Required.field("enabled", enabled);
    enabled = List.copyOf(new LinkedHashSet<>(enabled));
    if (enabled.isEmpty()) {
      throw new InvalidInput("providers", enabled, "must name at least one provider");
    }
    for (ProviderId id : enabled) {
      if (!KNOWN.contains(id)) {
        throw new InvalidInput(
            "providers", id, "is not a known provider (known: " + sorted(KNOWN) + ")");
      }
    }
    Required.field("defaultProvider", defaultProvider);
    if (!enabled.contains(defaultProvider)) {
      throw new InvalidInput(
          "defaultProvider", defaultProvider, "must be one of the enabled providers " + enabled);
    }
    Required.field("alphaVantage", alphaVantage);
    Required.field("finnhub", finnhub);
    Required.field("yahoo", yahoo);
    Required.field("simulated", simulated);
  }

  /** The same providers, each believing quote times up to {@code quoteTimes}' allowance. */
  public ProvidersConfig withQuoteTimes(QuoteTimes quoteTimes) {
    return new ProvidersConfig(
        enabled,
        defaultProvider,
        alphaVantage.withQuoteTimes(quoteTimes),
        finnhub.withQuoteTimes(quoteTimes),
        yahoo.withQuoteTimes(quoteTimes),
        simulated);
  }

  private static List<ProviderId> sorted(Set<ProviderId> ids) {
    return ids.stream().sorted().toList();
  }
}

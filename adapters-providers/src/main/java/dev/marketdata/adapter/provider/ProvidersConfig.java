package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.QuoteTimes;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Required;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Which providers are enabled, which one is the default, and each one's settings. Bootstrap builds
 * it from the service configuration; {@link #defaults()} is every provider at its own defaults.
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

  /** Every known provider enabled, the simulated one the default, each with its own defaults. */
  public static ProvidersConfig defaults() {
    return new ProvidersConfig(
        List.of(
            ProviderId.SIMULATED, ProviderId.FINNHUB, ProviderId.ALPHA_VANTAGE, ProviderId.YAHOO),
        ProviderId.SIMULATED,
        http(
            ProviderId.ALPHA_VANTAGE,
            AlphaVantageQuoteProvider.DEFAULT_BASE_URL,
            AlphaVantageQuoteProvider.FREE_TIER),
        http(
            ProviderId.FINNHUB,
            FinnhubQuoteProvider.DEFAULT_BASE_URL,
            FinnhubQuoteProvider.FREE_TIER),
        http(
            ProviderId.YAHOO, YahooQuoteProvider.DEFAULT_BASE_URL, YahooQuoteProvider.CONSERVATIVE),
        SimulationConfig.DEFAULT);
  }

  private static HttpProviderConfig http(ProviderId id, String url, List<RateLimit> limits) {
    return new HttpProviderConfig(
        id,
        HttpProviderConfig.baseUrl("baseUrl", url),
        Optional.empty(),
        Timeouts.DEFAULT,
        RetryPolicy.DEFAULT,
        limits);
  }

  /** The same settings with only {@code enabled} on, {@code defaultProvider} the default. */
  public ProvidersConfig withEnabled(List<ProviderId> enabled, ProviderId defaultProvider) {
    return new ProvidersConfig(enabled, defaultProvider, alphaVantage, finnhub, yahoo, simulated);
  }

  public ProvidersConfig withAlphaVantage(UnaryOperator<HttpProviderConfig> change) {
    return new ProvidersConfig(
        enabled, defaultProvider, change.apply(alphaVantage), finnhub, yahoo, simulated);
  }

  public ProvidersConfig withFinnhub(UnaryOperator<HttpProviderConfig> change) {
    return new ProvidersConfig(
        enabled, defaultProvider, alphaVantage, change.apply(finnhub), yahoo, simulated);
  }

  public ProvidersConfig withYahoo(UnaryOperator<HttpProviderConfig> change) {
    return new ProvidersConfig(
        enabled, defaultProvider, alphaVantage, finnhub, change.apply(yahoo), simulated);
  }

  /** The same settings with {@code change} applied to each HTTP provider's. */
  public ProvidersConfig withEveryHttpProvider(UnaryOperator<HttpProviderConfig> change) {
    return withAlphaVantage(change).withFinnhub(change).withYahoo(change);
  }

  public ProvidersConfig withSimulated(SimulationConfig value) {
    return new ProvidersConfig(enabled, defaultProvider, alphaVantage, finnhub, yahoo, value);
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

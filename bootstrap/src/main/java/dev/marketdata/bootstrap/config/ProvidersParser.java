package dev.marketdata.bootstrap.config;

import dev.marketdata.adapter.provider.HttpProviderConfig;
import dev.marketdata.adapter.provider.ProvidersConfig;
import dev.marketdata.adapter.provider.RetryPolicy;
import dev.marketdata.adapter.provider.SimulationConfig;
import dev.marketdata.adapter.provider.Timeouts;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.QuoteTimes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/** The quote providers' part of the configuration: which ones, their keys, URLs and budgets. */
final class ProvidersParser {
  private static final String KNOWN = "simulated,finnhub,alpha_vantage,yahoo";

  private ProvidersParser() {}

  static ProvidersConfig read(ConfigReader r, QuoteTimes quoteTimes) {
    ProvidersConfig defaults = ProvidersConfig.defaults();
    List<ProviderId> enabled =
        r.value("MDS_PROVIDERS", join(defaults.enabled()), ProvidersParser::providers);
    ProviderId fallback =
        enabled.contains(ProviderId.SIMULATED) ? ProviderId.SIMULATED : enabled.get(0);
    ProviderId defaultProvider =
        r.value("MDS_DEFAULT_PROVIDER", fallback.value(), ProvidersParser::provider);
    if (!enabled.contains(defaultProvider)) {
      r.reject(
          "MDS_DEFAULT_PROVIDER",
          r.rawOf("MDS_DEFAULT_PROVIDER"),
          "must be one of the enabled providers (MDS_PROVIDERS) " + join(enabled));
      defaultProvider = enabled.get(0);
    }
    Timeouts timeouts =
        new Timeouts(
            r.millis(
                "MDS_PROVIDER_CONNECT_TIMEOUT_MS", millis(Timeouts.DEFAULT.connect()), 1, 600_000),
            r.millis("MDS_PROVIDER_READ_TIMEOUT_MS", millis(Timeouts.DEFAULT.read()), 1, 600_000),
            r.millis("MDS_PROVIDER_CALL_TIMEOUT_MS", millis(Timeouts.DEFAULT.call()), 1, 600_000));
    RetryPolicy retry = retry(r);
    SimulationConfig simulation =
        new SimulationConfig(
            r.whole("MDS_SIMULATED_SEED", SimulationConfig.DEFAULT.seed()),
            r.decimal("MDS_SIMULATED_DRIFT", SimulationConfig.DEFAULT.drift(), -10, 10),
            r.decimal("MDS_SIMULATED_VOLATILITY", SimulationConfig.DEFAULT.volatility(), 0, 10),
            r.value(
                "MDS_SIMULATED_LIMITS",
                Limits.format(SimulationConfig.DEFAULT.limits()),
                Limits::parse));
    try {
      return defaults
          .withEnabled(enabled, defaultProvider)
          .withEveryHttpProvider(c -> c.withTimeouts(timeouts).withRetry(retry))
          .withAlphaVantage(c -> http(r, "MDS_ALPHA_VANTAGE", "ALPHA_VANTAGE_API_KEY", c))
          .withFinnhub(c -> http(r, "MDS_FINNHUB", "FINNHUB_API_KEY", c))
          .withYahoo(c -> http(r, "MDS_YAHOO", null, c))
          .withSimulated(simulation)
          .withQuoteTimes(quoteTimes);
    } catch (InvalidInput e) {
      // Every value was checked above; this would be a check missing there.
      r.reject("MDS_PROVIDERS", r.rawOf("MDS_PROVIDERS"), "cannot be used: " + e.getMessage());
      return defaults;
    }
  }

  private static HttpProviderConfig http(
      ConfigReader r, String prefix, String keyVariable, HttpProviderConfig defaults) {
    HttpProviderConfig config =
        defaults
            .withBaseUrl(
                r.value(prefix + "_BASE_URL", stripSlash(defaults.baseUrl()), ProvidersParser::url))
            .withLimits(
                r.value(prefix + "_LIMITS", Limits.format(defaults.limits()), Limits::parse));
    return keyVariable == null ? config : config.withApiKey(r.optional(keyVariable).orElse(null));
  }

  private static RetryPolicy retry(ConfigReader r) {
    RetryPolicy d = RetryPolicy.DEFAULT;
    int attempts = r.integer("MDS_PROVIDER_RETRY_ATTEMPTS", d.maxAttempts(), 1, 10);
    Duration base = r.millis("MDS_PROVIDER_RETRY_BASE_DELAY_MS", millis(d.baseDelay()), 0, 60_000);
    Duration max = r.millis("MDS_PROVIDER_RETRY_MAX_DELAY_MS", millis(d.maxDelay()), 0, 600_000);
    if (max.compareTo(base) < 0) {
      r.reject(
          "MDS_PROVIDER_RETRY_MAX_DELAY_MS",
          r.rawOf("MDS_PROVIDER_RETRY_MAX_DELAY_MS"),
          "must be at least MDS_PROVIDER_RETRY_BASE_DELAY_MS (" + base.toMillis() + ")");
      max = base;
    }
    return new RetryPolicy(attempts, base, max);
  }

  private static List<ProviderId> providers(String csv) {
    List<ProviderId> ids = new ArrayList<>();
    for (String part : csv.split(",")) {
      if (!part.isBlank()) {
        ProviderId id = provider(part.strip());
        if (!ids.contains(id)) {
          ids.add(id);
        }
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("must name at least one provider from " + KNOWN);
    }
    return ids;
  }

  private static ProviderId provider(String name) {
    try {
      ProviderId id = ProviderId.of(name);
      if (ProvidersConfig.KNOWN.contains(id)) {
        return id;
      }
    } catch (InvalidInput e) {
      // reported below, the same way as an unknown name
    }
    throw new IllegalArgumentException("must name providers from " + KNOWN);
  }

  private static HttpUrl url(String text) {
    HttpUrl url = HttpUrl.parse(text);
    if (url == null) {
      throw new IllegalArgumentException("must be an http or https URL");
    }
    return url;
  }

  private static String stripSlash(HttpUrl url) {
    return url.toString().replaceAll("/$", "");
  }

  private static int millis(Duration duration) {
    return (int) duration.toMillis();
  }

  private static String join(List<ProviderId> ids) {
    return ids.stream().map(ProviderId::value).collect(Collectors.joining(","));
  }
}

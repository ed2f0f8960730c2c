package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link ProvidersConfig} from environment variables, given as a map so tests pass their own.
 * Every value has a default except the API keys; a bad value fails naming its variable.
 */
public final class ProvidersConfigFactory {
  public static final String PROVIDERS = "MDS_PROVIDERS";
  public static final String DEFAULT_PROVIDER = "MDS_DEFAULT_PROVIDER";
  public static final String ALPHA_VANTAGE_API_KEY = "ALPHA_VANTAGE_API_KEY";
  public static final String FINNHUB_API_KEY = "FINNHUB_API_KEY";

  private final Map<String, String> env;

  private ProvidersConfigFactory(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static ProvidersConfig fromEnv(Map<String, String> env) {
    return new ProvidersConfigFactory(env).build();
  }

  private ProvidersConfig build() {
    List<ProviderId> enabled =
        Arrays.stream(text(PROVIDERS, "simulated,finnhub,alpha_vantage,yahoo").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(s -> id(PROVIDERS, s))
            .toList();
    ProviderId defaultProvider =
        id(
            DEFAULT_PROVIDER,
            text(
                DEFAULT_PROVIDER,
                enabled.contains(ProviderId.SIMULATED) || enabled.isEmpty()
                    ? ProviderId.SIMULATED.value()
                    : enabled.get(0).value()));
    Timeouts timeouts =
        new Timeouts(
            millis("MDS_PROVIDER_CONNECT_TIMEOUT_MS", Timeouts.DEFAULT.connect()),
            millis("MDS_PROVIDER_READ_TIMEOUT_MS", Timeouts.DEFAULT.read()),
            millis("MDS_PROVIDER_CALL_TIMEOUT_MS", Timeouts.DEFAULT.call()));
    RetryPolicy retry =
        new RetryPolicy(
            (int) number("MDS_PROVIDER_RETRY_ATTEMPTS", RetryPolicy.DEFAULT.maxAttempts()),
            millis("MDS_PROVIDER_RETRY_BASE_DELAY_MS", RetryPolicy.DEFAULT.baseDelay()),
            millis("MDS_PROVIDER_RETRY_MAX_DELAY_MS", RetryPolicy.DEFAULT.maxDelay()));
    return new ProvidersConfig(
        enabled,
        defaultProvider,
        http(
            ProviderId.ALPHA_VANTAGE,
            "MDS_ALPHA_VANTAGE",
            AlphaVantageQuoteProvider.DEFAULT_BASE_URL,
            key(ALPHA_VANTAGE_API_KEY),
            timeouts,
            retry,
            AlphaVantageQuoteProvider.FREE_TIER),
        http(
            ProviderId.FINNHUB,
            "MDS_FINNHUB",
            FinnhubQuoteProvider.DEFAULT_BASE_URL,
            key(FINNHUB_API_KEY),
            timeouts,
            retry,
            FinnhubQuoteProvider.FREE_TIER),
        http(
            ProviderId.YAHOO,
            "MDS_YAHOO",
            YahooQuoteProvider.DEFAULT_BASE_URL,
            Optional.empty(),
            timeouts,
            retry,
            YahooQuoteProvider.CONSERVATIVE),
        new SimulationConfig(
            number("MDS_SIMULATED_SEED", SimulationConfig.DEFAULT.seed()),
            decimal("MDS_SIMULATED_DRIFT", SimulationConfig.DEFAULT.drift()),
            decimal("MDS_SIMULATED_VOLATILITY", SimulationConfig.DEFAULT.volatility()),
            limits("MDS_SIMULATED_LIMITS", List.of())));
  }

  private HttpProviderConfig http(
      ProviderId id,
      String prefix,
      String defaultUrl,
      Optional<String> key,
      Timeouts timeouts,
      RetryPolicy retry,
      List<RateLimit> defaultLimits) {
    String urlVariable = prefix + "_BASE_URL";
    return new HttpProviderConfig(
        id,
        HttpProviderConfig.baseUrl(urlVariable, text(urlVariable, defaultUrl)),
        key,
        timeouts,
        retry,
        limits(prefix + "_LIMITS", defaultLimits));
  }

  /**
   * Parses limits written as {@code 5/min,25/day,1/s} (units {@code s}, {@code min}, {@code h},
   * {@code day}); {@code none} means no budget.
   */
  static List<RateLimit> parseLimits(String variable, String value) {
    if (value.isBlank() || value.strip().equalsIgnoreCase("none")) {
      return List.of();
    }
    List<RateLimit> limits = new ArrayList<>();
    for (String part : value.split(",")) {
      String[] pieces = part.strip().split("/");
      if (pieces.length != 2) {
        throw new InvalidInput(variable, value, "must look like 5/min,25/day,1/s or none");
      }
      Duration period =
          switch (pieces[1].strip().toLowerCase(Locale.ROOT)) {
            case "s", "sec", "second" -> Duration.ofSeconds(1);
            case "m", "min", "minute" -> Duration.ofMinutes(1);
            case "h", "hour" -> Duration.ofHours(1);
            case "d", "day" -> Duration.ofDays(1);
            default -> throw new InvalidInput(variable, value, "has an unknown unit: " + pieces[1]);
          };
      try {
        limits.add(new RateLimit(Integer.parseInt(pieces[0].strip()), period));
      } catch (NumberFormatException e) {
        throw new InvalidInput(variable, value, "must start each limit with a whole number");
      } catch (InvalidInput e) {
        throw new InvalidInput(variable, value, "must have at least 1 permit per limit");
      }
    }
    return List.copyOf(limits);
  }

  private List<RateLimit> limits(String variable, List<RateLimit> defaults) {
    String value = env.get(variable);
    return value == null ? defaults : parseLimits(variable, value);
  }

  private Optional<String> key(String variable) {
    return Optional.ofNullable(env.get(variable)).map(String::strip).filter(s -> !s.isEmpty());
  }

  private String text(String variable, String fallback) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private static ProviderId id(String variable, String value) {
    try {
      return ProviderId.of(value);
    } catch (InvalidInput e) {
      throw new InvalidInput(variable, value, "must be a provider name such as finnhub, simulated");
    }
  }

  private long number(String variable, long fallback) {
    String value = text(variable, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new InvalidInput(variable, value, "must be a whole number");
    }
  }

  private double decimal(String variable, double fallback) {
    String value = text(variable, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new InvalidInput(variable, value, "must be a number");
    }
  }

  private Duration millis(String variable, Duration fallback) {
    long value = number(variable, fallback.toMillis());
    if (value < 0) {
      throw new InvalidInput(variable, value, "must not be negative");
    }
    return Duration.ofMillis(value);
  }
}

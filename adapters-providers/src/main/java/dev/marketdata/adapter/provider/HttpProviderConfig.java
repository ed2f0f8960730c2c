package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.QuoteTimes;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Required;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Settings of one HTTP quote provider. The key is optional because a provider without one is still
 * listed (as unavailable); {@link #toString()} never shows it.
 *
 * @param quoteTimes which quote times in its answers are believable
 */
public record HttpProviderConfig(
    ProviderId id,
    HttpUrl baseUrl,
    Optional<String> apiKey,
    Timeouts timeouts,
    RetryPolicy retry,
    List<RateLimit> limits,
    QuoteTimes quoteTimes) {
  public HttpProviderConfig {
    Required.field("id", id);
    Required.field("baseUrl", baseUrl);
    apiKey =
        apiKey == null ? Optional.empty() : apiKey.filter(k -> !k.isBlank()).map(String::strip);
    Required.field("timeouts", timeouts);
    Required.field("retry", retry);
    limits = List.copyOf(Required.field("limits", limits));
    Required.field("quoteTimes", quoteTimes);
  }

  /** With the default allowance for quote times ahead of the fetch time. */
  public HttpProviderConfig(
      ProviderId id,
      HttpUrl baseUrl,
      Optional<String> apiKey,
      Timeouts timeouts,
      RetryPolicy retry,
      List<RateLimit> limits) {
    this(id, baseUrl, apiKey, timeouts, retry, limits, QuoteTimes.DEFAULT);
  }

  /** Parses a base URL, failing with {@link InvalidInput} naming {@code field}. */
  public static HttpUrl baseUrl(String field, String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new InvalidInput(field, url, "must be an http or https URL");
    }
    return parsed;
  }

  public HttpProviderConfig withBaseUrl(HttpUrl url) {
    return new HttpProviderConfig(id, url, apiKey, timeouts, retry, limits, quoteTimes);
  }

  public HttpProviderConfig withApiKey(String key) {
    return new HttpProviderConfig(
        id, baseUrl, Optional.ofNullable(key), timeouts, retry, limits, quoteTimes);
  }

  public HttpProviderConfig withTimeouts(Timeouts value) {
    return new HttpProviderConfig(id, baseUrl, apiKey, value, retry, limits, quoteTimes);
  }

  public HttpProviderConfig withRetry(RetryPolicy value) {
    return new HttpProviderConfig(id, baseUrl, apiKey, timeouts, value, limits, quoteTimes);
  }

  public HttpProviderConfig withLimits(List<RateLimit> value) {
    return new HttpProviderConfig(id, baseUrl, apiKey, timeouts, retry, value, quoteTimes);
  }

  public HttpProviderConfig withQuoteTimes(QuoteTimes value) {
    return new HttpProviderConfig(id, baseUrl, apiKey, timeouts, retry, limits, value);
  }

  @Override
  public String toString() {
    return "HttpProviderConfig[id="
        + id
        + ", baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey.isPresent() ? "(set)" : "(none)")
        + ", timeouts="
        + timeouts
        + ", retry="
        + retry
        + ", limits="
        + limits
        + ", quoteTimes="
        + quoteTimes
        + "]";
  }
}

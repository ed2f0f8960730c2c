package dev.marketdata.adapter.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.domain.failure.ProviderAuthFailure;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Symbol;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Finnhub {@code /api/v1/quote}: {@code c} is the price and {@code t} the quote time in unix
 * seconds. An all-zero body, or {@code t == 0}, means Finnhub has no data for the symbol.
 */
public final class FinnhubQuoteProvider extends HttpQuoteProvider {
  public static final String DEFAULT_BASE_URL = "https://finnhub.io";
  public static final List<RateLimit> FREE_TIER =
      List.of(RateLimit.perMinute(60), RateLimit.perSecond(30));

  /** Used when a 429 carries neither Retry-After nor X-Ratelimit-Reset: the free minute window. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);

  private final String provider;
  private final HttpProviderConfig config;

  /** Needs a config with a key; the registry lists a keyless Finnhub as unavailable. */
  public FinnhubQuoteProvider(
      HttpProviderConfig config,
      OkHttpClient shared,
      ScheduledExecutorService scheduler,
      Clock clock,
      OutboundLimits outbound) {
    super(
        config,
        ProviderClients.derive(
            shared,
            config.timeouts(),
            List.of(ApiKeyInterceptor.header("X-Finnhub-Token", Keys.require(config)))),
        scheduler,
        clock,
        outbound);
    this.provider = ProviderId.FINNHUB.value();
    this.config = config;
  }

  @Override
  Request request(Symbol symbol) {
    return new Request.Builder()
        .url(
            config
                .baseUrl()
                .newBuilder()
                .addPathSegments("api/v1/quote")
                .addQueryParameter("symbol", symbol.value())
                .build())
        .header("Accept", "application/json")
        .get()
        .build();
  }

  @Override
  PriceAt interpret(Symbol symbol, HttpAnswer answer) {
    int status = answer.status();
    if (status == 429) {
      throw new ProviderThrottled(
          provider,
          Failures.retryAfter(answer, clock).orElse(DEFAULT_RETRY_AFTER),
          false,
          excerpt(answer));
    }
    if (status == 401 || status == 403) {
      throw new ProviderAuthFailure(provider, "HTTP " + status + " " + excerpt(answer));
    }
    if (status >= 500) {
      throw Failures.serverError(provider, status);
    }
    if (status != 200) {
      throw Failures.unexpectedStatus(provider, status);
    }
    JsonNode body = ProviderJson.object(provider, answer.body());
    JsonNode t = body.get("t");
    JsonNode c = body.get("c");
    if (t == null || c == null) {
      throw ProviderJson.badResponse(provider, "no \"c\" or \"t\" in the quote", null);
    }
    // t == 0 is Finnhub's "no data"; the all-zero body has it too. Never a price of 0.
    if (t.isNumber() && t.decimalValue().signum() == 0) {
      throw new SymbolNotFound(symbol.value(), provider);
    }
    return new PriceAt(
        ProviderJson.price(provider, c, "c"), ProviderJson.epochSeconds(provider, t, "t"));
  }

  private String excerpt(HttpAnswer answer) {
    String text = new String(answer.body(), StandardCharsets.UTF_8).strip();
    return redact(text.length() > 200 ? text.substring(0, 200) + "…" : text);
  }
}

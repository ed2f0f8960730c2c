package dev.marketdata.adapter.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.domain.failure.ProviderAuthFailure;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.HistoryProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Alpha Vantage {@code GLOBAL_QUOTE}. Every answer is HTTP 200 and the top-level key tells the
 * outcome. The quote carries only a trading date, so the quote time is the fetch time and the date
 * stays in the raw body.
 */
public final class AlphaVantageQuoteProvider extends HttpQuoteProvider implements HistoryProvider {
  public static final String DEFAULT_BASE_URL = "https://www.alphavantage.co";
  public static final List<RateLimit> FREE_TIER =
      List.of(RateLimit.perMinute(5), RateLimit.perDay(25), RateLimit.perSecond(1));

  private static final String GLOBAL_QUOTE = "Global Quote";
  private final String provider;
  private final HttpProviderConfig config;

  /** Needs a config with a key; the registry lists a keyless Alpha Vantage as unavailable. */
  public AlphaVantageQuoteProvider(
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
            List.of(ApiKeyInterceptor.queryParameter("apikey", Keys.require(config)))),
        scheduler,
        clock,
        outbound);
    this.provider = ProviderId.ALPHA_VANTAGE.value();
    this.config = config;
  }

  @Override
  Request request(Symbol symbol) {
    return new Request.Builder()
        .url(
            config
                .baseUrl()
                .newBuilder()
                .addPathSegment("query")
                .addQueryParameter("function", "GLOBAL_QUOTE")
                .addQueryParameter("symbol", symbol.value())
                .build())
        .header("Accept", "application/json")
        .get()
        .build();
  }

  @Override
  PriceAt interpret(Symbol symbol, HttpAnswer answer) {
    JsonNode body = checked(answer);
    JsonNode error = body.get("Error Message");
    if (error != null) {
      throw ProviderJson.badResponse(provider, "Error Message: " + redact(error.asText()), null);
    }
    JsonNode quote = body.get(GLOBAL_QUOTE);
    if (quote == null || !quote.isObject()) {
      throw ProviderJson.badResponse(provider, "no \"Global Quote\" object", null);
    }
    if (quote.isEmpty()) {
      throw new SymbolNotFound(symbol.value(), provider);
    }
    return new PriceAt(
        ProviderJson.price(provider, quote.get("05. price"), "05. price"), answer.fetchedAt());
  }

  /** {@code TIME_SERIES_DAILY} with {@code outputsize=compact}: the free tier's last 100 days. */
  @Override
  public Optional<HistoryProvider> history() {
    return Optional.of(this);
  }

  @Override
  public CompletionStage<FetchedHistory> dailyHistory(Symbol symbol, LocalDate from, LocalDate to) {
    return call(
        symbol,
        "history",
        () -> historyRequest(symbol),
        answer -> {
          JsonNode body = checked(answer);
          if (body.has("Error Message")) {
            // TIME_SERIES_DAILY answers an unknown symbol with "Invalid API call" (HTTP 200).
            throw new SymbolNotFound(symbol.value(), provider);
          }
          RawResponse raw = raw(symbol, answer);
          return new FetchedHistory(AlphaVantageDailyBars.read(provider, body, raw, from, to), raw);
        });
  }

  private Request historyRequest(Symbol symbol) {
    return new Request.Builder()
        .url(
            config
                .baseUrl()
                .newBuilder()
                .addPathSegment("query")
                .addQueryParameter("function", "TIME_SERIES_DAILY")
                .addQueryParameter("symbol", symbol.value())
                .addQueryParameter("outputsize", "compact")
                .build())
        .header("Accept", "application/json")
        .get()
        .build();
  }

  /**
   * The body of an answer that is neither a throttle, a refusal of a premium option nor a key
   * problem; an {@code Error Message} about anything else is left to the caller.
   */
  private JsonNode checked(HttpAnswer answer) {
    // Alpha Vantage documents only 200 answers; a 429 from it or a proxy in front is still one.
    if (answer.status() == 429) {
      throw new ProviderThrottled(
          provider,
          Failures.retryAfter(answer, clock).orElse(Duration.ofMinutes(1)),
          false,
          "HTTP 429");
    }
    if (answer.status() >= 500) {
      throw Failures.serverError(provider, answer.status());
    }
    if (answer.status() != 200) {
      throw Failures.unexpectedStatus(provider, answer.status());
    }
    JsonNode body = ProviderJson.object(provider, answer.body());
    JsonNode limitNotice = body.has("Information") ? body.get("Information") : body.get("Note");
    if (limitNotice != null) {
      String text = redact(limitNotice.asText());
      if (isPremiumNotice(text)) {
        // Throttle-shaped but not a throttle: waiting does not help, the option is paid.
        throw new ProviderUnavailable(
            provider, ProviderUnavailable.Kind.REJECTED, "premium option: " + text, null);
      }
      throw new ProviderThrottled(provider, retryAfter(text, answer.fetchedAt()), false, text);
    }
    JsonNode error = body.get("Error Message");
    if (error != null && error.asText().toLowerCase(Locale.ROOT).contains("apikey")) {
      throw new ProviderAuthFailure(provider, redact(error.asText()));
    }
    return body;
  }

  /**
   * The notice for a paid option ({@code outputsize=full}, a premium endpoint) says "is a premium";
   * the rate notices only offer to "unlock all premium endpoints".
   */
  static boolean isPremiumNotice(String notice) {
    return notice.toLowerCase(Locale.ROOT).contains("is a premium");
  }

  /**
   * Alpha Vantage sends no rate headers; its notice names the limit that was hit. The burst notice
   * ("1 request per second") asks for a second; the old "call frequency" notice for a minute; the
   * daily notice lasts until the next day begins (UTC); anything else (the demo key) a minute.
   */
  static Duration retryAfter(String notice, Instant now) {
    String text = notice.toLowerCase(Locale.ROOT);
    if (text.contains("per second")) {
      return Duration.ofSeconds(1);
    }
    if (text.contains("frequency") || text.contains("per minute")) {
      return Duration.ofMinutes(1);
    }
    if (text.contains("per day")) {
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      return Duration.between(now, today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    return Duration.ofMinutes(1);
  }
}

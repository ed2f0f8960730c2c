package dev.marketdata.adapter.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.HistoryProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Yahoo Finance chart API {@code /v8/finance/chart/{symbol}}: {@code meta.regularMarketPrice} at
 * {@code meta.regularMarketTime}. No key; a browser-like User-Agent is sent because plain library
 * agents are throttled more often. Yahoo publishes no limits, so the budget is a guess on the safe
 * side.
 */
public final class YahooQuoteProvider extends HttpQuoteProvider implements HistoryProvider {
  public static final String DEFAULT_BASE_URL = "https://query2.finance.yahoo.com";
  public static final List<RateLimit> CONSERVATIVE =
      List.of(RateLimit.perMinute(60), RateLimit.perSecond(2));
  static final String USER_AGENT =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);

  /** US share classes: "BRK.B" at our API is "BRK-B" at Yahoo; exchange suffixes (".L") stay. */
  private static final Pattern SHARE_CLASS = Pattern.compile("([A-Z]{1,6})\\.([A-C])");

  private final String provider;
  private final HttpProviderConfig config;

  public YahooQuoteProvider(
      HttpProviderConfig config,
      OkHttpClient shared,
      ScheduledExecutorService scheduler,
      Clock clock,
      OutboundLimits outbound) {
    super(
        config,
        ProviderClients.derive(shared, config.timeouts(), List.of()),
        scheduler,
        clock,
        outbound);
    this.provider = ProviderId.YAHOO.value();
    this.config = config;
  }

  static String yahooSymbol(Symbol symbol) {
    var matcher = SHARE_CLASS.matcher(symbol.value());
    return matcher.matches() ? matcher.group(1) + "-" + matcher.group(2) : symbol.value();
  }

  @Override
  Request request(Symbol symbol) {
    return new Request.Builder()
        .url(
            config
                .baseUrl()
                .newBuilder()
                .addPathSegments("v8/finance/chart")
                .addPathSegment(yahooSymbol(symbol))
                .addQueryParameter("range", "1d")
                .addQueryParameter("interval", "1d")
                .build())
        .header("User-Agent", USER_AGENT)
        .header("Accept", "application/json")
        .get()
        .build();
  }

  @Override
  PriceAt interpret(Symbol symbol, HttpAnswer answer) {
    JsonNode meta = chartResult(symbol, answer).path("meta");
    if (!meta.isObject()) {
      throw ProviderJson.badResponse(provider, "no chart.result[0].meta", null);
    }
    return new PriceAt(
        ProviderJson.price(provider, meta.get("regularMarketPrice"), "regularMarketPrice"),
        ProviderJson.epochSeconds(provider, meta.get("regularMarketTime"), "regularMarketTime"));
  }

  /** The chart API's daily candles: the same route with {@code period1}, {@code period2}. */
  @Override
  public Optional<HistoryProvider> history() {
    return Optional.of(this);
  }

  @Override
  public CompletionStage<FetchedHistory> dailyHistory(Symbol symbol, LocalDate from, LocalDate to) {
    return call(
        symbol,
        "history",
        () -> historyRequest(symbol, from, to),
        answer -> {
          RawResponse raw = raw(symbol, answer);
          List<DailyBar> bars =
              YahooDailyBars.read(provider, chartResult(symbol, answer), raw, from, to);
          return new FetchedHistory(bars, raw);
        });
  }

  /**
   * From the start of {@code from} to the start of the day after {@code to} in New York: a session
   * opens at 9:30 there, so every session of the range, and none other, starts inside.
   */
  private Request historyRequest(Symbol symbol, LocalDate from, LocalDate to) {
    long period1 = from.atStartOfDay(YahooDailyBars.MARKET_ZONE).toEpochSecond();
    long period2 = to.plusDays(1).atStartOfDay(YahooDailyBars.MARKET_ZONE).toEpochSecond();
    return new Request.Builder()
        .url(
            config
                .baseUrl()
                .newBuilder()
                .addPathSegments("v8/finance/chart")
                .addPathSegment(yahooSymbol(symbol))
                .addQueryParameter("period1", Long.toString(period1))
                .addQueryParameter("period2", Long.toString(period2))
                .addQueryParameter("interval", "1d")
                .build())
        .header("User-Agent", USER_AGENT)
        .header("Accept", "application/json")
        .get()
        .build();
  }

  /** {@code chart.result[0]} of a successful answer, or the failure the answer stands for. */
  private JsonNode chartResult(Symbol symbol, HttpAnswer answer) {
    int status = answer.status();
    if (status == 429) {
      String text = new String(answer.body(), StandardCharsets.UTF_8).strip();
      throw new ProviderThrottled(
          provider,
          Failures.retryAfter(answer, clock).orElse(DEFAULT_RETRY_AFTER),
          false,
          text.length() > 200 ? text.substring(0, 200) : text);
    }
    if (status == 404) {
      throw new SymbolNotFound(symbol.value(), provider);
    }
    if (status >= 500) {
      throw Failures.serverError(provider, status);
    }
    if (status != 200) {
      throw Failures.unexpectedStatus(provider, status);
    }
    JsonNode body = ProviderJson.object(provider, answer.body());
    if (!body.has("chart")) {
      throw ProviderJson.badResponse(provider, "no \"chart\" in the answer", null);
    }
    JsonNode result = body.get("chart").path("result");
    if (result.isMissingNode() || result.isNull() || (result.isArray() && result.isEmpty())) {
      throw new SymbolNotFound(symbol.value(), provider);
    }
    return result.path(0);
  }
}

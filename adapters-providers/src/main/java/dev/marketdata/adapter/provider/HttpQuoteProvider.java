package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.MarketDataException;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Quote;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every HTTP provider shares: budget check, asynchronous call, turning the answer into a
 * {@link FetchedQuote} or a domain failure, and retrying transient unavailability with backoff.
 * Subclasses only say how to ask and how to read the answer.
 */
abstract class HttpQuoteProvider implements QuoteProvider {
  private static final Logger log = LoggerFactory.getLogger(HttpQuoteProvider.class);

  private final ProviderId id;
  private final OkHttpClient client;
  private final RateBudget budget;
  private final RetryPolicy retry;
  private final ScheduledExecutorService scheduler;
  private final Optional<String> secret;
  protected final Clock clock;

  HttpQuoteProvider(
      HttpProviderConfig config,
      OkHttpClient client,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.id = config.id();
    this.client = client;
    this.budget = new RateBudget(id.value(), config.limits(), clock);
    this.retry = config.retry();
    this.scheduler = scheduler;
    this.secret = config.apiKey();
    this.clock = clock;
  }

  /** Text from outside (an error body, an exception message) with our key blotted out. */
  protected final String redact(String text) {
    if (text == null || secret.isEmpty()) {
      return text;
    }
    return text.replace(secret.get(), "***");
  }

  /** The request for one symbol, without any key: the interceptor adds it. */
  abstract Request request(Symbol symbol);

  /** Reads a received answer, or throws the domain failure it stands for. */
  abstract PriceAt interpret(Symbol symbol, HttpAnswer answer);

  @Override
  public final ProviderId id() {
    return id;
  }

  @Override
  public ProviderStatus status() {
    return ProviderStatus.available(id, budget.limits(), budget.states());
  }

  @Override
  public final CompletionStage<FetchedQuote> fetch(Symbol symbol) {
    CompletableFuture<FetchedQuote> result = new CompletableFuture<>();
    try {
      budget.acquire();
    } catch (ProviderThrottled throttled) {
      logFailure(symbol, 1, throttled);
      result.completeExceptionally(throttled);
      return result;
    }
    send(symbol, 1, result);
    return result;
  }

  private void send(Symbol symbol, int attempt, CompletableFuture<FetchedQuote> result) {
    Request request = request(symbol);
    log.atDebug()
        .addKeyValue("provider", id)
        .addKeyValue("symbol", symbol)
        .addKeyValue("path", request.url().encodedPath())
        .addKeyValue("attempt", attempt)
        .log("requesting quote");
    client
        .newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                failed(
                    symbol,
                    attempt,
                    result,
                    Failures.fromIo(id.value(), e, HttpQuoteProvider.this::redact));
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  result.complete(read(symbol, response));
                } catch (IOException e) {
                  failed(
                      symbol,
                      attempt,
                      result,
                      Failures.fromIo(id.value(), e, HttpQuoteProvider.this::redact));
                } catch (MarketDataException e) {
                  failed(symbol, attempt, result, e);
                } catch (RuntimeException e) {
                  failed(
                      symbol,
                      attempt,
                      result,
                      ProviderJson.badResponse(
                          id.value(), "answer could not be read: " + e.getClass().getName(), e));
                }
              }
            });
  }

  private FetchedQuote read(Symbol symbol, Response response) throws IOException {
    ResponseBody body = response.body();
    byte[] bytes = body.bytes();
    String contentType = response.header("Content-Type");
    HttpAnswer answer =
        new HttpAnswer(response.code(), response.headers(), bytes, contentType, clock.instant());
    log.atDebug()
        .addKeyValue("provider", id)
        .addKeyValue("symbol", symbol)
        .addKeyValue("status", answer.status())
        .addKeyValue("bytes", bytes.length)
        .log("quote answer received");
    PriceAt priceAt = interpret(symbol, answer);
    RawResponse raw =
        new RawResponse(
            Ids.newUuidV7(clock),
            id,
            symbol,
            answer.status(),
            bytes,
            contentType,
            answer.fetchedAt());
    Quote quote = new Quote(symbol, priceAt.price(), priceAt.quoteTime(), answer.fetchedAt(), id);
    log.atInfo()
        .addKeyValue("provider", id)
        .addKeyValue("symbol", symbol)
        .addKeyValue("raw_response_id", raw.id())
        .log("quote fetched");
    return new FetchedQuote(quote, raw);
  }

  private void failed(
      Symbol symbol, int attempt, CompletableFuture<FetchedQuote> result, MarketDataException e) {
    logFailure(symbol, attempt, e);
    if (!(e instanceof ProviderUnavailable unavailable) || !retry.allowsAnotherAfter(attempt)) {
      result.completeExceptionally(e);
      return;
    }
    // Each retry spends budget too; when the budget would make us wait longer than the backoff
    // allows, the real failure is reported rather than hidden behind a local throttle.
    Duration backoff = retry.delayAfter(attempt, ThreadLocalRandom.current()::nextDouble);
    Duration budgetWait = budget.waitTime();
    if (budgetWait.compareTo(retry.maxDelay()) > 0) {
      result.completeExceptionally(unavailable);
      return;
    }
    Duration delay = budgetWait.compareTo(backoff) > 0 ? budgetWait : backoff;
    try {
      scheduler.schedule(
          () -> retry(symbol, attempt + 1, result, unavailable),
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      unavailable.addSuppressed(shuttingDown);
      result.completeExceptionally(unavailable);
    }
  }

  private void retry(
      Symbol symbol,
      int attempt,
      CompletableFuture<FetchedQuote> result,
      ProviderUnavailable previous) {
    try {
      budget.acquire();
    } catch (ProviderThrottled throttled) {
      previous.addSuppressed(throttled);
      result.completeExceptionally(previous);
      return;
    }
    send(symbol, attempt, result);
  }

  private void logFailure(Symbol symbol, int attempt, MarketDataException e) {
    log.atWarn()
        .addKeyValue("provider", id)
        .addKeyValue("symbol", symbol)
        .addKeyValue("attempt", attempt)
        .addKeyValue("failure", e.getClass().getSimpleName())
        .log("quote fetch failed: {}", e.getMessage());
  }
}

package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.MarketDataException;
import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Quote;
import dev.marketdata.domain.model.QuoteTimes;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
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
 * {@link FetchedQuote} or a domain failure, retrying transient unavailability with backoff, and
 * holding calls back while the provider's own throttle lasts. Subclasses only say how to ask and
 * how to read the answer.
 */
abstract class HttpQuoteProvider implements QuoteProvider {
  private static final Logger log = LoggerFactory.getLogger(HttpQuoteProvider.class);

  private final ProviderId id;
  private final OkHttpClient client;
  private final ProviderBudget budget;
  private final ThrottleGate gate;
  private final RetryingAttempts attempts;
  private final QuoteTimes quoteTimes;
  private final Optional<String> secret;
  protected final Clock clock;

  HttpQuoteProvider(
      HttpProviderConfig config,
      OkHttpClient client,
      ScheduledExecutorService scheduler,
      Clock clock,
      OutboundLimits outbound) {
    this.id = config.id();
    this.client = client;
    this.budget = new ProviderBudget(id, config.limits(), outbound.budgets(), clock);
    this.gate = new ThrottleGate(id, outbound.throttles(), clock);
    this.attempts = new RetryingAttempts(gate, budget, config.retry(), scheduler);
    this.quoteTimes = config.quoteTimes();
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

  /**
   * Unavailable, with the time it ends, while the provider's own throttle holds our calls; the
   * budget as last seen.
   */
  @Override
  public ProviderStatus status() {
    return statusWith(budget.lastSeen());
  }

  /** As {@link #status()}, with the budget as it is now (every replica's calls counted). */
  @Override
  public CompletionStage<ProviderStatus> currentStatus() {
    return budget.remaining().thenApply(this::statusWith);
  }

  private ProviderStatus statusWith(List<BudgetState> states) {
    return gate.closedUntil()
        .map(until -> ProviderStatus.throttled(id, until, budget.limits(), states))
        .orElseGet(() -> ProviderStatus.available(id, budget.limits(), states));
  }

  @Override
  public final CompletionStage<FetchedQuote> fetch(Symbol symbol) {
    return call(symbol, "quote", () -> request(symbol), answer -> read(symbol, answer));
  }

  /** Reads one received answer into a result, or throws the domain failure it stands for. */
  interface AnswerReader<T> {
    T read(HttpAnswer answer);
  }

  /**
   * One call of any kind (a quote, a history) through what every call goes through: the provider's
   * budget, its throttle gate and the retries of transient unavailability.
   */
  final <T> CompletionStage<T> call(
      Symbol symbol, String what, Supplier<Request> request, AnswerReader<T> reader) {
    // The caller's trace context, for every attempt's client span: retries run on the retry
    // scheduler's thread, where it is not current.
    Context parent = Context.current();
    return attempts.run(
        attempt ->
            send(symbol, what, attempt, TracingInterceptor.tagged(request.get(), parent), reader),
        (attempt, failure) -> logFailure(symbol, what, attempt, failure));
  }

  /** The answer as it will be stored: a fresh id, the bytes as received. */
  final RawResponse raw(Symbol symbol, HttpAnswer answer) {
    return new RawResponse(
        Ids.newUuidV7(clock),
        id,
        symbol,
        answer.status(),
        answer.body(),
        answer.contentType(),
        answer.fetchedAt());
  }

  private <T> CompletionStage<T> send(
      Symbol symbol, String what, int attempt, Request request, AnswerReader<T> reader) {
    CompletableFuture<T> result = new CompletableFuture<>();
    log.atDebug()
        .addKeyValue("provider", id.value())
        .addKeyValue("symbol", symbol.value())
        .addKeyValue("path", request.url().encodedPath())
        .addKeyValue("attempt", attempt)
        .log("requesting {}", what);
    client
        .newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                result.completeExceptionally(
                    Failures.fromIo(id.value(), e, HttpQuoteProvider.this::redact));
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  result.complete(reader.read(answer(symbol, what, response)));
                } catch (IOException e) {
                  result.completeExceptionally(
                      Failures.fromIo(id.value(), e, HttpQuoteProvider.this::redact));
                } catch (MarketDataException e) {
                  result.completeExceptionally(e);
                } catch (RuntimeException e) {
                  result.completeExceptionally(
                      ProviderJson.badResponse(id.value(), "the answer could not be read", e));
                }
              }
            });
    return result;
  }

  private HttpAnswer answer(Symbol symbol, String what, Response response) throws IOException {
    ResponseBody body = response.body();
    byte[] bytes = body.bytes();
    String contentType = response.header("Content-Type");
    HttpAnswer answer =
        new HttpAnswer(response.code(), response.headers(), bytes, contentType, clock.instant());
    log.atDebug()
        .addKeyValue("provider", id.value())
        .addKeyValue("symbol", symbol.value())
        .addKeyValue("status", answer.status())
        .addKeyValue("bytes", bytes.length)
        .log("{} answer received", what);
    return answer;
  }

  private FetchedQuote read(Symbol symbol, HttpAnswer answer) {
    PriceAt priceAt = interpret(symbol, answer);
    Instant quoteTime = believableQuoteTime(priceAt.quoteTime(), answer.fetchedAt());
    RawResponse raw = raw(symbol, answer);
    Quote quote = new Quote(symbol, priceAt.price(), quoteTime, answer.fetchedAt(), id);
    log.atInfo()
        .addKeyValue("provider", id.value())
        .addKeyValue("symbol", symbol.value())
        .addKeyValue("raw_response_id", raw.id())
        .log("quote fetched");
    return new FetchedQuote(quote, raw);
  }

  /**
   * A quote time in the future (or before 1970) is a bad answer, never a price: stored, it would
   * stay the latest price, and the newest in its moving-average window, for good.
   */
  private Instant believableQuoteTime(Instant quoteTime, Instant fetchedAt) {
    try {
      return quoteTimes.check("quote time", quoteTime, fetchedAt);
    } catch (InvalidInput e) {
      throw ProviderJson.badResponse(id.value(), e.getMessage(), null);
    }
  }

  private void logFailure(Symbol symbol, String what, int attempt, Throwable e) {
    log.atWarn()
        .addKeyValue("provider", id.value())
        .addKeyValue("symbol", symbol.value())
        .addKeyValue("attempt", attempt)
        .addKeyValue("failure", e.getClass().getSimpleName())
        .log("{} fetch failed: {}", what, e.getMessage());
  }
}

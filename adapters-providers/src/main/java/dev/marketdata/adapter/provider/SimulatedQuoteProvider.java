package dev.marketdata.adapter.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Quote;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.HistoryProvider;
import dev.marketdata.domain.port.ProviderBudgets;
import dev.marketdata.domain.port.QuoteProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code simulated} source: per symbol a seeded geometric Brownian motion that advances one
 * step per fetch, so the same seed always gives the same series. No network. Its raw response is
 * the small JSON document it produced, stored like any provider's answer.
 *
 * <p>It remembers the paths of the {@value #MAX_SYMBOLS} symbols used most recently, so symbols
 * asked once cannot grow it without end. A path forgotten and asked for again starts over from its
 * seeded beginning: the series stays a function of the seed and the order of the fetches.
 */
public final class SimulatedQuoteProvider implements QuoteProvider, HistoryProvider {
  /** Far more symbols than a deployment polls; each path is a few dozen bytes. */
  public static final int MAX_SYMBOLS = 10_000;

  private final SimulationConfig config;
  private final Clock clock;
  private final ProviderBudget budget;
  private final int maxSymbols;
  private final Map<Symbol, PricePath> paths;
  private final SimulatedHistory history;

  /** With its budget (if it has limits) counted in this process only. */
  public SimulatedQuoteProvider(SimulationConfig config, Clock clock) {
    this(config, clock, new InMemoryProviderBudgets(clock), MAX_SYMBOLS);
  }

  /**
   * With its budget counted in {@code budgets}, which may be shared; without limits (the default)
   * the budget is never asked.
   */
  public SimulatedQuoteProvider(SimulationConfig config, Clock clock, ProviderBudgets budgets) {
    this(config, clock, budgets, MAX_SYMBOLS);
  }

  SimulatedQuoteProvider(SimulationConfig config, Clock clock, int maxSymbols) {
    this(config, clock, new InMemoryProviderBudgets(clock), maxSymbols);
  }

  private SimulatedQuoteProvider(
      SimulationConfig config, Clock clock, ProviderBudgets budgets, int maxSymbols) {
    this.config = config;
    this.clock = clock;
    this.budget = new ProviderBudget(ProviderId.SIMULATED, config.limits(), budgets, clock);
    this.maxSymbols = maxSymbols;
    this.history = new SimulatedHistory(config.seed());
    // Access order: the eldest entry is the symbol used least recently, dropped past the bound.
    this.paths =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Symbol, PricePath> eldest) {
            return size() > SimulatedQuoteProvider.this.maxSymbols;
          }
        };
  }

  @Override
  public ProviderId id() {
    return ProviderId.SIMULATED;
  }

  @Override
  public CompletionStage<FetchedQuote> fetch(Symbol symbol) {
    if (budget.limits().isEmpty()) {
      return CompletableFuture.completedFuture(next(symbol));
    }
    return budget.acquire().thenApply(states -> next(symbol));
  }

  /** Deterministic daily bars ({@link SimulatedHistory}), through the budget like a quote. */
  @Override
  public Optional<HistoryProvider> history() {
    return Optional.of(this);
  }

  @Override
  public CompletionStage<FetchedHistory> dailyHistory(Symbol symbol, LocalDate from, LocalDate to) {
    if (budget.limits().isEmpty()) {
      return CompletableFuture.completedFuture(history(symbol, from, to));
    }
    return budget.acquire().thenApply(states -> history(symbol, from, to));
  }

  private FetchedHistory history(Symbol symbol, LocalDate from, LocalDate to) {
    Instant now = clock.instant();
    // No day after today has happened yet, in the simulation either.
    LocalDate today = LocalDate.ofInstant(now, YahooDailyBars.MARKET_ZONE);
    List<SimulatedHistory.Day> days =
        from.isAfter(today)
            ? List.of()
            : history.days(symbol, from, to.isAfter(today) ? today : to);
    RawResponse raw =
        new RawResponse(
            Ids.newUuidV7(clock),
            ProviderId.SIMULATED,
            symbol,
            200,
            history.document(symbol, from, to, days),
            "application/json",
            now);
    List<DailyBar> bars =
        days.stream()
            .map(
                d ->
                    new DailyBar(
                        symbol,
                        ProviderId.SIMULATED,
                        d.day(),
                        d.open(),
                        d.high(),
                        d.low(),
                        d.close(),
                        d.volume(),
                        raw.id()))
            .toList();
    return new FetchedHistory(bars, raw);
  }

  private FetchedQuote next(Symbol symbol) {
    BigDecimal price = path(symbol).next();
    Instant now = clock.instant();
    RawResponse raw =
        new RawResponse(
            Ids.newUuidV7(clock),
            ProviderId.SIMULATED,
            symbol,
            200,
            document(symbol, price, now),
            "application/json",
            now);
    return new FetchedQuote(new Quote(symbol, price, now, now, ProviderId.SIMULATED), raw);
  }

  private PricePath path(Symbol symbol) {
    // One lock around a map lookup: building a path is a few arithmetic operations.
    synchronized (paths) {
      return paths.computeIfAbsent(
          symbol, s -> new PricePath(config.seed(), s, config.drift(), config.volatility()));
    }
  }

  /** How many symbols' paths are remembered now. */
  int rememberedSymbols() {
    synchronized (paths) {
      return paths.size();
    }
  }

  @Override
  public ProviderStatus status() {
    return ProviderStatus.available(id(), budget.limits(), budget.lastSeen());
  }

  @Override
  public CompletionStage<ProviderStatus> currentStatus() {
    if (budget.limits().isEmpty()) {
      return CompletableFuture.completedFuture(status());
    }
    return budget
        .remaining()
        .thenApply(states -> ProviderStatus.available(id(), budget.limits(), states));
  }

  /**
   * Written field by field with the streaming generator, not built as a tree first: one document
   * per fetch, and under the driver (every request a fetch) the tree was a visible share of the
   * allocations. Same bytes as the tree gave.
   */
  private byte[] document(Symbol symbol, BigDecimal price, Instant at) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(192);
    try (JsonGenerator json = ProviderJson.MAPPER.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("symbol", symbol.value());
      json.writeFieldName("price");
      json.writeNumber(price);
      json.writeStringField("timestamp", at.toString());
      json.writeStringField("model", "gbm");
      json.writeNumberField("seed", config.seed());
      json.writeNumberField("drift", config.drift());
      json.writeNumberField("volatility", config.volatility());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

package dev.marketdata.application.indicator;

import dev.marketdata.application.bar.BarsWithHistory;
import dev.marketdata.application.quality.CountedPoints;
import dev.marketdata.domain.failure.InsufficientData;
import dev.marketdata.domain.indicator.IndicatorCalculator;
import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.port.BarRepository;
import dev.marketdata.domain.port.DailyBarRepository;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.quality.QualityRules;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Computes an indicator over stored data only, never a provider: the series is the last {@link
 * IndicatorRequest#inputsWanted()} stored prices ({@code tick}, in {@code PriceEvent.ORDER}, each
 * at its quote time) or complete bars (each close at the bar's {@code end}; the bucket still
 * forming is left out, so a value never changes once returned), or all of them when fewer exist.
 * Fewer than {@link IndicatorRequest#inputsNeeded()} fail with {@link InsufficientData}.
 */
public final class GetIndicatorService implements GetIndicatorUseCase {
  private final CountedPoints prices;
  private final BarRepository bars;
  private final MarketTimeZone zone;
  private final Clock clock;

  @Inject
  public GetIndicatorService(
      PricePointRepository prices,
      BarRepository bars,
      DailyBarRepository history,
      MarketTimeZone zone,
      Clock clock,
      QualityRules rules) {
    // Ticks without suspect prices, as bars are (ADR 0014).
    this.prices = new CountedPoints(prices, rules);
    // 1d closes include the backfilled days, as GET /prices/bars serves them.
    this.bars = BarsWithHistory.of(bars, history, clock);
    this.zone = zone;
    this.clock = clock;
  }

  /** With the default data-quality rules (suspect prices left out). */
  public GetIndicatorService(
      PricePointRepository prices,
      BarRepository bars,
      DailyBarRepository history,
      MarketTimeZone zone,
      Clock clock) {
    this(prices, bars, history, zone, clock, QualityRules.defaults());
  }

  /** One input of the series. */
  record Input(Instant timestamp, BigDecimal value) {}

  @Override
  public CompletionStage<IndicatorSeries> indicator(IndicatorRequest request) {
    int wanted = request.inputsWanted();
    CompletionStage<List<Input>> series =
        request.interval().bars().isPresent()
            ? closes(request, request.interval().bars().get(), wanted)
            : ticks(request, wanted);
    return series.thenApply(inputs -> compute(request, inputs));
  }

  private static IndicatorSeries compute(IndicatorRequest request, List<Input> inputs) {
    int needed = request.inputsNeeded();
    if (inputs.size() < needed) {
      throw new InsufficientData(describe(request), needed, inputs.size());
    }
    IndicatorCalculator<?> calculator = request.spec().calculator();
    List<IndicatorValue> values = new ArrayList<>(request.points());
    int firstKept = inputs.size() - request.points();
    for (int i = 0; i < inputs.size(); i++) {
      Optional<?> value = calculator.add(inputs.get(i).value());
      if (i >= firstKept) {
        // Present: at least valuesNeeded() inputs precede and include this one.
        values.add(new IndicatorValue(inputs.get(i).timestamp(), value.orElseThrow()));
      }
    }
    return new IndicatorSeries(request, values);
  }

  private static String describe(IndicatorRequest r) {
    StringBuilder params = new StringBuilder();
    r.spec()
        .params()
        .forEach((k, v) -> params.append(params.isEmpty() ? "" : ", ").append(k + "=" + v));
    return r.spec().indicator()
        + "("
        + params
        + ") over the "
        + r.interval().label()
        + " series of "
        + r.symbol().value()
        + " at "
        + r.provider().value()
        + " for "
        + r.points()
        + (r.points() == 1 ? " point" : " points");
  }

  private CompletionStage<List<Input>> ticks(IndicatorRequest r, int wanted) {
    return prices
        .newest(r.symbol(), r.provider(), wanted)
        .thenApply(
            newestFirst -> {
              List<Input> inputs = new ArrayList<>(newestFirst.size());
              for (PricePoint p : newestFirst) {
                inputs.add(new Input(p.timestamp(), p.price()));
              }
              Collections.reverse(inputs);
              return inputs;
            });
  }

  private CompletionStage<List<Input>> closes(
      IndicatorRequest r, BarInterval interval, int wanted) {
    // Bars starting before the forming bucket's start have all ended: only complete bars.
    Instant to = interval.bucketStart(clock.instant(), zone.zone());
    List<List<Bar>> pagesNewestFirst = new ArrayList<>();
    return page(r, interval, to, wanted, pagesNewestFirst)
        .thenApply(
            done -> {
              List<Input> inputs = new ArrayList<>(wanted);
              for (int i = pagesNewestFirst.size() - 1; i >= 0; i--) {
                for (Bar bar : pagesNewestFirst.get(i)) {
                  if (bar.complete()) {
                    inputs.add(new Input(bar.end(), bar.close()));
                  }
                }
              }
              return inputs.size() > wanted
                  ? inputs.subList(inputs.size() - wanted, inputs.size())
                  : inputs;
            });
  }

  /** Reads pages of at most {@link BarQuery#MAX_LIMIT} bars backwards until enough are read. */
  private CompletionStage<Void> page(
      IndicatorRequest r, BarInterval interval, Instant to, int remaining, List<List<Bar>> out) {
    if (remaining <= 0 || !HistoryQuery.EARLIEST.isBefore(to)) {
      return CompletableFuture.completedFuture(null);
    }
    BarQuery query =
        new BarQuery(
            r.symbol(),
            r.provider(),
            interval,
            HistoryQuery.EARLIEST,
            to,
            Math.min(remaining, BarQuery.MAX_LIMIT),
            zone.zone());
    return bars.bars(query)
        .thenCompose(
            page -> {
              out.add(page.bars());
              if (page.next().isEmpty()) {
                return CompletableFuture.completedFuture(null);
              }
              return page(
                  r, interval, page.next().get().before(), remaining - page.bars().size(), out);
            });
  }
}

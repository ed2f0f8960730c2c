package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.MutableClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SimulatedQuoteProviderTest {
  private static final Instant T0 = Instant.parse("2025-11-06T14:30:00Z");
  private final MutableClock clock = new MutableClock(T0);

  private static List<BigDecimal> series(SimulatedQuoteProvider provider, String symbol, int n)
      throws Exception {
    List<BigDecimal> prices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      prices.add(Outcomes.value(provider.fetch(Symbol.of(symbol))).quote().price());
    }
    return prices;
  }

  @Test
  void givenSameSeed_fetch_producesTheSameSeriesPerSymbol() throws Exception {
    SimulationConfig config = new SimulationConfig(7, 0.05, 0.3, List.of());
    SimulatedQuoteProvider first = new SimulatedQuoteProvider(config, clock);
    SimulatedQuoteProvider second = new SimulatedQuoteProvider(config, clock);
    // Interleaving another symbol must not disturb a symbol's own path.
    series(second, "MSFT", 3);

    assertThat(series(first, "AAPL", 50)).isEqualTo(series(second, "AAPL", 50));
  }

  @Test
  void givenDifferentSeedsOrSymbols_fetch_producesDifferentSeries() throws Exception {
    SimulatedQuoteProvider a =
        new SimulatedQuoteProvider(new SimulationConfig(1, 0, 0.3, List.of()), clock);
    SimulatedQuoteProvider b =
        new SimulatedQuoteProvider(new SimulationConfig(2, 0, 0.3, List.of()), clock);

    assertThat(series(a, "AAPL", 10)).isNotEqualTo(series(b, "AAPL", 10));
    assertThat(series(a, "IBM", 10)).isNotEqualTo(series(a, "MSFT", 10));
  }

  @Test
  void givenHighVolatility_manySteps_pricesStayPositiveAndMove() throws Exception {
    SimulatedQuoteProvider provider =
        new SimulatedQuoteProvider(new SimulationConfig(3, -5, 9, List.of()), clock);

    List<BigDecimal> prices = series(provider, "VOLA", 2000);

    assertThat(prices).allSatisfy(p -> assertThat(p.signum()).isPositive());
    assertThat(prices.stream().distinct().count()).isGreaterThan(100);
  }

  @Test
  void givenMagnitude_round_usesCentsFromADollarAndFourDecimalsBelow() {
    assertThat(PricePath.round(123.456789)).isEqualTo(new BigDecimal("123.46"));
    assertThat(PricePath.round(1.0)).isEqualTo(new BigDecimal("1.00"));
    assertThat(PricePath.round(0.123456)).isEqualTo(new BigDecimal("0.1235"));
    assertThat(PricePath.round(0.00001)).isEqualTo(new BigDecimal("0.0001"));
  }

  @Test
  void givenDefaultConfig_fetch_givesAPlausiblePriceWithCentsScale() throws Exception {
    SimulatedQuoteProvider provider = new SimulatedQuoteProvider(SimulationConfig.DEFAULT, clock);

    BigDecimal price = Outcomes.value(provider.fetch(Symbol.of("AAPL"))).quote().price();

    assertThat(price).isBetween(new BigDecimal("5"), new BigDecimal("1000"));
    assertThat(price.scale()).isEqualTo(2);
  }

  @Test
  void givenFetch_quoteAndRawComeFromTheClockAndNameSimulated() throws Exception {
    SimulatedQuoteProvider provider = new SimulatedQuoteProvider(SimulationConfig.DEFAULT, clock);
    clock.advance(Duration.ofMinutes(3));

    FetchedQuote fetched = Outcomes.value(provider.fetch(Symbol.of("IBM")));

    Instant now = T0.plus(Duration.ofMinutes(3));
    assertThat(fetched.quote().provider()).isEqualTo(ProviderId.SIMULATED);
    assertThat(fetched.quote().quoteTime()).isEqualTo(now);
    assertThat(fetched.quote().fetchedAt()).isEqualTo(now);
    assertThat(fetched.raw().httpStatus()).isEqualTo(200);
    assertThat(fetched.raw().contentType()).isEqualTo("application/json");
    assertThat(fetched.raw().id().version()).isEqualTo(7);
    JsonNode doc = ProviderJson.MAPPER.readTree(fetched.raw().body());
    assertThat(doc.get("symbol").asText()).isEqualTo("IBM");
    assertThat(doc.get("price").decimalValue()).isEqualTo(fetched.quote().price());
    assertThat(doc.get("timestamp").asText()).isEqualTo(now.toString());
    assertThat(doc.get("model").asText()).isEqualTo("gbm");
    assertThat(doc.get("seed").asLong()).isEqualTo(SimulationConfig.DEFAULT.seed());
  }

  @Test
  void givenFetches_rawBody_isTheDocumentTheJsonTreeGives() throws Exception {
    SimulationConfig config = new SimulationConfig(7L, -0.125, 1.5, List.of());
    SimulatedQuoteProvider provider = new SimulatedQuoteProvider(config, clock);
    for (String ticker : new String[] {"IBM", "BRK.B", "^GSPC", "EURUSD=X"}) {
      clock.advance(Duration.ofMillis(1_234));
      FetchedQuote fetched = Outcomes.value(provider.fetch(Symbol.of(ticker)));

      ObjectNode tree = ProviderJson.MAPPER.createObjectNode();
      tree.put("symbol", ticker);
      tree.put("price", fetched.quote().price());
      tree.put("timestamp", fetched.quote().fetchedAt().toString());
      tree.put("model", "gbm");
      tree.put("seed", 7L);
      tree.put("drift", -0.125);
      tree.put("volatility", 1.5);
      assertThat(new String(fetched.raw().body(), StandardCharsets.UTF_8))
          .isEqualTo(ProviderJson.MAPPER.writeValueAsString(tree));
    }
  }

  @Test
  void givenNoBudgetConfigured_status_isAvailableWithoutLimits() {
    SimulatedQuoteProvider provider = new SimulatedQuoteProvider(SimulationConfig.DEFAULT, clock);

    assertThat(provider.status().available()).isTrue();
    assertThat(provider.status().limits()).isEmpty();
  }

  @Test
  void givenConfiguredBudget_fetchBeyondIt_failsThrottledLocally() throws Exception {
    SimulatedQuoteProvider provider =
        new SimulatedQuoteProvider(
            new SimulationConfig(1, 0, 0.2, List.of(RateLimit.perSecond(1))), clock);
    Outcomes.value(provider.fetch(Symbol.of("AAPL")));

    ProviderThrottled throttled =
        Outcomes.failure(provider.fetch(Symbol.of("AAPL")), ProviderThrottled.class);

    assertThat(throttled.localBudget()).isTrue();
  }

  @Test
  void givenConcurrentFetches_eachStepIsTakenExactlyOnce() throws Exception {
    SimulationConfig config = new SimulationConfig(11, 0.1, 0.4, List.of());
    List<BigDecimal> sequential = series(new SimulatedQuoteProvider(config, clock), "AAPL", 200);
    SimulatedQuoteProvider shared = new SimulatedQuoteProvider(config, clock);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<BigDecimal>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(
          pool.submit(() -> Outcomes.value(shared.fetch(Symbol.of("AAPL"))).quote().price()));
    }
    List<BigDecimal> concurrent = new ArrayList<>();
    for (Future<BigDecimal> f : futures) {
      concurrent.add(f.get(Outcomes.DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(concurrent).containsExactlyInAnyOrderElementsOf(sequential);
    assertThat(series(shared, "AAPL", 1))
        .isEqualTo(
            series(new SimulatedQuoteProvider(config, clock), "AAPL", 201).subList(200, 201));
  }

  @Test
  void givenEverMoreSymbols_theProvider_remembersAtMostItsBound() throws Exception {
    SimulatedQuoteProvider provider = new SimulatedQuoteProvider(SimulationConfig.DEFAULT, clock);

    for (int i = 0; i < SimulatedQuoteProvider.MAX_SYMBOLS + 500; i++) {
      Outcomes.value(provider.fetch(Symbol.of("S" + i)));
    }

    assertThat(provider.rememberedSymbols()).isEqualTo(SimulatedQuoteProvider.MAX_SYMBOLS);
  }

  @Test
  void givenABoundOfTwo_theLeastRecentlyUsedPathIsForgotten_andStartsOverWhenAskedAgain()
      throws Exception {
    SimulationConfig config = new SimulationConfig(5, 0.05, 0.3, List.of());
    SimulatedQuoteProvider bounded = new SimulatedQuoteProvider(config, clock, 2);
    List<BigDecimal> aapl = series(new SimulatedQuoteProvider(config, clock), "AAPL", 3);

    assertThat(series(bounded, "AAPL", 2)).isEqualTo(aapl.subList(0, 2));
    series(bounded, "MSFT", 1);
    // AAPL is used again after MSFT, so IBM's arrival forgets MSFT, not AAPL.
    assertThat(series(bounded, "AAPL", 1)).isEqualTo(aapl.subList(2, 3));
    series(bounded, "IBM", 1);
    assertThat(bounded.rememberedSymbols()).isEqualTo(2);

    // MSFT starts over from its seeded beginning, and its arrival now forgets AAPL.
    assertThat(series(bounded, "MSFT", 1))
        .isEqualTo(series(new SimulatedQuoteProvider(config, clock), "MSFT", 1));
    assertThat(series(bounded, "AAPL", 1)).isEqualTo(aapl.subList(0, 1));
  }
}

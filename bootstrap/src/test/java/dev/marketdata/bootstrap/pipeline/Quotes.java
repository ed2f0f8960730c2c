package dev.marketdata.bootstrap.pipeline;

import dev.marketdata.adapter.provider.SimulatedQuoteProvider;
import dev.marketdata.adapter.provider.SimulationConfig;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.MutableClock;
import dev.marketdata.testsupport.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Fetched quotes to ingest: built by hand, or drawn from the simulated provider. */
final class Quotes {
  static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");

  private Quotes() {}

  /** A quote as a provider would hand it over, with a raw body and a random (v4) raw id. */
  static FetchedQuote quote(String symbol, ProviderId provider, String price, Instant quoteTime) {
    return Samples.quote(Symbol.of(symbol), provider, price, quoteTime, UUID.randomUUID());
  }

  /**
   * {@code count} quotes one second apart from {@code start}, prices from {@code prices} in turn.
   */
  static List<FetchedQuote> series(
      String symbol, ProviderId provider, Instant start, int count, String... prices) {
    List<FetchedQuote> quotes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      quotes.add(quote(symbol, provider, prices[i % prices.length], start.plusSeconds(i)));
    }
    return quotes;
  }

  /** {@code count} fetches of {@code symbol} from the simulated provider, one second apart. */
  static List<FetchedQuote> simulated(String symbol, Instant start, int count) {
    MutableClock clock = new MutableClock(start);
    SimulatedQuoteProvider provider = new SimulatedQuoteProvider(SimulationConfig.DEFAULT, clock);
    List<FetchedQuote> quotes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      quotes.add(Await.result(provider.fetch(Symbol.of(symbol))));
      clock.advance(Duration.ofSeconds(1));
    }
    return quotes;
  }
}

package dev.marketdata.application.contract;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Quote;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Test data for the contracts: quotes, events and ids with microsecond-exact instants. */
public final class Samples {
  /** A fixed, microsecond-exact moment the contracts count from. */
  public static final Instant T0 = Instant.parse("2024-03-01T14:30:00.123456Z");

  private Samples() {}

  /** A symbol no other test uses, so tests sharing a store cannot see each other's rows. */
  public static Symbol uniqueSymbol() {
    return Symbol.of("S" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 50), 36));
  }

  public static FetchedQuote quote(Symbol symbol, String price, Instant quoteTime) {
    return quote(symbol, ProviderId.FINNHUB, price, quoteTime, UUID.randomUUID());
  }

  public static FetchedQuote quote(
      Symbol symbol, ProviderId provider, String price, Instant quoteTime, UUID rawId) {
    Instant fetchedAt = quoteTime.plusMillis(250);
    byte[] body =
        ("{\"c\":" + price + ",\"t\":" + quoteTime.getEpochSecond() + "}")
            .getBytes(StandardCharsets.UTF_8);
    RawResponse raw =
        new RawResponse(rawId, provider, symbol, 200, body, "application/json", fetchedAt);
    return new FetchedQuote(
        new Quote(symbol, new BigDecimal(price), quoteTime, fetchedAt, provider), raw);
  }

  public static PriceEvent event(Symbol symbol, String price, Instant timestamp) {
    return new PriceEvent(
        symbol, new BigDecimal(price), timestamp, ProviderId.FINNHUB, UUID.randomUUID());
  }
}

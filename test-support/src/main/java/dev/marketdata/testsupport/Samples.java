package dev.marketdata.testsupport;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Quote;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Domain values for tests: quotes as a provider hands them over, price points and events. */
public final class Samples {
  /** A fixed, microsecond-exact moment (what PostgreSQL stores exactly) tests count from. */
  public static final Instant T0 = Instant.parse("2024-03-01T14:30:00.123456Z");

  private Samples() {}

  /** A symbol no other test uses, so tests sharing a store cannot see each other's rows. */
  public static Symbol uniqueSymbol() {
    return Symbol.of("S" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 50), 36));
  }

  /** A Finnhub quote fetched 250 ms after its quote time, with a random raw response id. */
  public static FetchedQuote quote(Symbol symbol, String price, Instant quoteTime) {
    return quote(symbol, ProviderId.FINNHUB, price, quoteTime, UUID.randomUUID());
  }

  /** A quote fetched 250 ms after its quote time. */
  public static FetchedQuote quote(
      Symbol symbol, ProviderId provider, String price, Instant quoteTime, UUID rawId) {
    return fetched(symbol, provider, price, quoteTime, quoteTime.plusMillis(250), rawId);
  }

  /** A Finnhub quote fetched at {@code fetchedAt}, with a random raw response id. */
  public static FetchedQuote quoteFetchedAt(
      Symbol symbol, String price, Instant quoteTime, Instant fetchedAt) {
    return fetched(symbol, ProviderId.FINNHUB, price, quoteTime, fetchedAt, UUID.randomUUID());
  }

  /** A quote fetched at the moment it was quoted, with a random raw response id. */
  public static FetchedQuote fetched(String symbol, ProviderId provider, String price, Instant at) {
    return fetched(Symbol.of(symbol), provider, price, at, at, UUID.randomUUID());
  }

  public static PricePoint point(String symbol, ProviderId provider, String price, Instant at) {
    return PricePoint.of(fetched(symbol, provider, price, at));
  }

  public static PriceEvent event(Symbol symbol, String price, Instant timestamp) {
    return new PriceEvent(
        symbol, new BigDecimal(price), timestamp, ProviderId.FINNHUB, UUID.randomUUID());
  }

  private static FetchedQuote fetched(
      Symbol symbol,
      ProviderId provider,
      String price,
      Instant quoteTime,
      Instant fetchedAt,
      UUID rawId) {
    byte[] body =
        ("{\"c\":" + price + ",\"t\":" + quoteTime.getEpochSecond() + "}")
            .getBytes(StandardCharsets.UTF_8);
    RawResponse raw =
        new RawResponse(rawId, provider, symbol, 200, body, "application/json", fetchedAt);
    return new FetchedQuote(
        new Quote(symbol, new BigDecimal(price), quoteTime, fetchedAt, provider), raw);
  }
}

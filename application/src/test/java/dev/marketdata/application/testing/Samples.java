package dev.marketdata.application.testing;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Quote;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Sample domain values for tests. */
public final class Samples {
  private Samples() {}

  public static FetchedQuote fetched(String symbol, ProviderId provider, String price, Instant at) {
    Symbol s = Symbol.of(symbol);
    RawResponse raw =
        new RawResponse(
            UUID.randomUUID(),
            provider,
            s,
            200,
            ("{\"c\":" + price + "}").getBytes(StandardCharsets.UTF_8),
            "application/json",
            at);
    return new FetchedQuote(new Quote(s, new BigDecimal(price), at, at, provider), raw);
  }

  public static PricePoint point(String symbol, ProviderId provider, String price, Instant at) {
    return PricePoint.of(fetched(symbol, provider, price, at));
  }
}

package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.sqlclient.Row;

/** Reads domain values out of result rows. */
final class PgRows {
  /**
   * The columns {@link #pricePoint} reads, for SELECT lists. A point's fetch time is its last
   * fetch: a re-fetch of the same quote stores no new point but confirms this one (ADR 0014).
   */
  static final String PRICE_POINT_COLUMNS =
      "symbol, provider, price, quote_ts, greatest(fetched_at, confirmed_at) AS fetched_at,"
          + " raw_response_id, suspect";

  private PgRows() {}

  static PricePoint pricePoint(Row row) {
    return new PricePoint(
        Symbol.of(row.getString("symbol")),
        ProviderId.of(row.getString("provider")),
        row.getBigDecimal("price"),
        instant(row.getOffsetDateTime("quote_ts")),
        instant(row.getOffsetDateTime("fetched_at")),
        row.getUUID("raw_response_id"),
        row.getBoolean("suspect"));
  }
}

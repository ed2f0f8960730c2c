package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.sqlclient.Row;

/** Reads domain values out of result rows. */
final class PgRows {
  /** The columns {@link #pricePoint} reads, for SELECT lists. */
  static final String PRICE_POINT_COLUMNS =
      "symbol, provider, price, quote_ts, fetched_at, raw_response_id";

  private PgRows() {}

  static PricePoint pricePoint(Row row) {
    return new PricePoint(
        Symbol.of(row.getString("symbol")),
        ProviderId.of(row.getString("provider")),
        row.getBigDecimal("price"),
        instant(row.getOffsetDateTime("quote_ts")),
        instant(row.getOffsetDateTime("fetched_at")),
        row.getUUID("raw_response_id"));
  }
}

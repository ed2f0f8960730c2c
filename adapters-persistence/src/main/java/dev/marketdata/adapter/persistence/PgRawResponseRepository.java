package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.RawResponseRepository;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Reads raw provider responses back from {@code raw_market_data}, byte for byte. */
public final class PgRawResponseRepository implements RawResponseRepository {
  private static final String FIND =
      "SELECT id, symbol, provider, http_status, body, content_type, fetched_at"
          + " FROM raw_market_data WHERE id = $1";

  private final Pool pool;

  @Inject
  public PgRawResponseRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<Optional<RawResponse>> find(UUID id) {
    return PgFailures.toStage(
        pool.preparedQuery(FIND)
            .execute(Tuple.of(id))
            .map(
                rows ->
                    rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(raw(rows.iterator().next()))));
  }

  private static RawResponse raw(Row row) {
    return new RawResponse(
        row.getUUID("id"),
        ProviderId.of(row.getString("provider")),
        Symbol.of(row.getString("symbol")),
        row.getShort("http_status"),
        row.getBuffer("body").getBytes(),
        row.getString("content_type"),
        instant(row.getOffsetDateTime("fetched_at")));
  }
}

package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.FetchLeases;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The {@code fetch_leases} table: one row per (symbol, provider) with its holder and the lease's
 * end, on the database's clock so that replicas' clocks do not matter. A claim is one statement: it
 * inserts the row, or takes it over only where the lease has ended; two concurrent claims queue on
 * the primary key and the second re-checks the first's row, so exactly one wins. See ADR 0007.
 */
public final class PgFetchLeases implements FetchLeases {
  static final String CLAIM =
      "INSERT INTO fetch_leases (symbol, provider, holder, leased_until)"
          + " VALUES ($1, $2, $3, now() + $4::bigint * interval '1 millisecond')"
          + " ON CONFLICT (symbol, provider) DO UPDATE"
          + " SET holder = excluded.holder, leased_until = excluded.leased_until"
          + " WHERE fetch_leases.leased_until < now()"
          + " RETURNING holder";
  private static final String KEEP =
      "UPDATE fetch_leases SET leased_until = now() + $4::bigint * interval '1 millisecond'"
          + " WHERE symbol = $1 AND provider = $2 AND holder = $3";
  private static final String DELETE =
      "DELETE FROM fetch_leases WHERE symbol = $1 AND provider = $2 AND holder = $3";

  private final Pool pool;

  @Inject
  public PgFetchLeases(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<Boolean> claim(
      Symbol symbol, ProviderId provider, String owner, Duration lease) {
    return PgFailures.toStage(
        pool.preparedQuery(CLAIM)
            .execute(Tuple.of(symbol.value(), provider.value(), owner, lease.toMillis()))
            .map(rows -> rows.rowCount() == 1));
  }

  @Override
  public CompletionStage<Void> release(
      Symbol symbol, ProviderId provider, String owner, Duration after) {
    if (after.isZero() || after.isNegative()) {
      return PgFailures.toStage(
          pool.preparedQuery(DELETE)
              .execute(Tuple.of(symbol.value(), provider.value(), owner))
              .mapEmpty());
    }
    return PgFailures.toStage(
        pool.preparedQuery(KEEP)
            .execute(Tuple.of(symbol.value(), provider.value(), owner, after.toMillis()))
            .mapEmpty());
  }
}

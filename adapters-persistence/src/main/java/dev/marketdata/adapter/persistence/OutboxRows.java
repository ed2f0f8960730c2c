package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What the three outboxes ({@code outbox}, {@code average_outbox}, {@code bar_outbox}) do alike:
 * claim a batch for a relay ({@code FOR UPDATE SKIP LOCKED} under a lease on the database's clock,
 * ADR 0006), mark it published, give it back, count what waits. Each is one statement against its
 * own table; only the columns a claim returns and the entry made of a row differ per outbox.
 */
final class OutboxRows {
  private final Pool pool;
  private final String claim;
  private final String markPublished;
  private final String release;
  private final String depth;

  /** {@code returning}: the claimed rows' columns, each prefixed {@code o.}. */
  OutboxRows(Pool pool, String table, String returning) {
    this.pool = pool;
    this.claim =
        "UPDATE "
            + table
            + " o SET claimed_by = $1,"
            + " claim_expires_at = now() + $3::bigint * interval '1 millisecond'"
            + " FROM (SELECT id FROM "
            + table
            + " WHERE published_at IS NULL"
            + " AND (claim_expires_at IS NULL OR claim_expires_at < now() OR claimed_by = $1)"
            + " ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) c"
            + " WHERE o.id = c.id"
            + " RETURNING "
            + returning;
    this.markPublished =
        "UPDATE "
            + table
            + " SET published_at = $3"
            + " WHERE id = ANY($1) AND claimed_by = $2 AND published_at IS NULL";
    this.release =
        "UPDATE "
            + table
            + " SET claimed_by = NULL, claim_expires_at = NULL"
            + " WHERE id = ANY($1) AND claimed_by = $2 AND published_at IS NULL";
    this.depth = "SELECT count(*) FROM " + table + " WHERE published_at IS NULL";
  }

  /**
   * Claims up to {@code limit} of the oldest unpublished rows no other live lease holds, as entries
   * oldest first.
   */
  <E> CompletionStage<List<E>> claim(
      String owner, int limit, Duration lease, Function<Row, E> entry, ToLongFunction<E> id) {
    return PgFailures.toStage(
        pool.preparedQuery(claim)
            .execute(Tuple.of(owner, limit, lease.toMillis()))
            .map(
                rows -> {
                  List<E> entries = new ArrayList<>(rows.size());
                  for (Row row : rows) {
                    entries.add(entry.apply(row));
                  }
                  // RETURNING comes in no particular order; the relay publishes oldest first.
                  entries.sort(Comparator.comparingLong(id));
                  return entries;
                }));
  }

  /** Marks rows published that {@code owner} still holds. */
  CompletionStage<Void> markPublished(String owner, List<Long> ids, Instant publishedAt) {
    if (ids.isEmpty()) {
      return Future.<Void>succeededFuture().toCompletionStage();
    }
    return PgFailures.toStage(
        pool.preparedQuery(markPublished)
            .execute(Tuple.of(ids.toArray(Long[]::new), owner, timestamptz(publishedAt)))
            .mapEmpty());
  }

  /** Gives up {@code owner}'s claim on rows it could not publish. */
  CompletionStage<Void> release(String owner, List<Long> ids) {
    if (ids.isEmpty()) {
      return Future.<Void>succeededFuture().toCompletionStage();
    }
    return PgFailures.toStage(
        pool.preparedQuery(release).execute(Tuple.of(ids.toArray(Long[]::new), owner)).mapEmpty());
  }

  /** How many rows wait to be published. */
  CompletionStage<Long> depth() {
    return PgFailures.toStage(
        pool.preparedQuery(depth).execute().map(rows -> rows.iterator().next().getLong(0)));
  }
}

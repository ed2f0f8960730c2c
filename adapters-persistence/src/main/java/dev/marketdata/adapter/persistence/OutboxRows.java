package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the three outboxes ({@code outbox}, {@code average_outbox}, {@code bar_outbox}) do alike
 * once a relay holds rows: mark them published, give them back, count what waits. Each is one
 * statement against its own table; only the claim and the row shape differ per outbox.
 */
final class OutboxRows {
  private final Pool pool;
  private final String markPublished;
  private final String release;
  private final String depth;

  OutboxRows(Pool pool, String table) {
    this.pool = pool;
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

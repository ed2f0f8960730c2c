package dev.marketdata.adapter.persistence;

import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * How long the oldest unpublished row of the three outboxes (price events, changed averages, closed
 * bars) has waited, for the outbox-age alert: a relay that is stuck, or a broker that refuses,
 * shows here even while the depth stays small. Measured on the database's clock, so replicas with
 * skewed clocks agree; zero when nothing waits. Each outbox's oldest row is the first above its
 * relay position (ADR 0016): one step along its primary key, not a scan.
 */
public final class PgOutboxAgeProbe {
  static final String SQL =
      "SELECT COALESCE(EXTRACT(EPOCH FROM now() - LEAST("
          + oldest("outbox")
          + ", "
          + oldest("average_outbox")
          + ", "
          + oldest("bar_outbox")
          + "))::float8, 0)";

  private final Pool pool;

  @Inject
  public PgOutboxAgeProbe(Pool pool) {
    this.pool = pool;
  }

  private static String oldest(String table) {
    return "(SELECT created_at FROM "
        + table
        + " WHERE id > "
        + OutboxRows.position(table)
        + " ORDER BY id LIMIT 1)";
  }

  /** The oldest unpublished row's wait, zero when every row is published. */
  public CompletionStage<Duration> oldestUnpublishedAge() {
    return PgFailures.toStage(
        pool.query(SQL)
            .execute()
            .map(
                rows -> {
                  double seconds = rows.iterator().next().getDouble(0);
                  return Duration.ofMillis(Math.max(0, Math.round(seconds * 1000)));
                }));
  }
}

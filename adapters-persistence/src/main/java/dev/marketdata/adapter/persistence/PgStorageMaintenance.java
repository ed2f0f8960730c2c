package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.adapter.persistence.DailyPartitions.Partition;
import dev.marketdata.domain.model.MaintenanceReport;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.port.StorageMaintenance;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention in PostgreSQL (ADR 0009). {@code raw_market_data} (by {@code fetched_at}) and {@code
 * price_points} (by {@code quote_ts}) are partitioned by UTC day: a pass creates the partitions of
 * today and the next {@value #DAYS_AHEAD} days, drops those wholly older than the retention, and
 * deletes the few rows past it that the default partition holds. Published outbox rows (price
 * events', averages' and bars': at or below their relay's position, ADR 0016) written before their
 * retention are deleted in batches.
 *
 * <p>One pass at a time across every replica: a pass holds a session advisory lock for its whole
 * run and a replica that does not get it skips. Each step is its own short transaction with a
 * {@code lock_timeout}, so DDL that waits behind a long query gives up (and the next pass tries
 * again) rather than queueing every insert and read of the table behind it.
 */
public final class PgStorageMaintenance implements StorageMaintenance {
  private static final Logger log = LoggerFactory.getLogger(PgStorageMaintenance.class);

  /** Days created ahead of today: quote times may lie up to a day past their receipt. */
  static final int DAYS_AHEAD = 3;

  /**
   * Outbox rows deleted per statement, and statements per pass before it reports a backlog: at most
   * a million rows a pass, so a pass (and a shutdown waiting for it) stays short even when a long
   * retention or an upgrade left a large backlog.
   */
  static final int OUTBOX_BATCH = 10_000;

  static final int OUTBOX_BATCHES_PER_PASS = 100;

  // The two-key form keeps this lock apart from the one-key locks the averages take per symbol.
  private static final String TRY_LOCK =
      "SELECT pg_try_advisory_lock(hashtext('market-data-service'),"
          + " hashtext('storage-maintenance'))";
  private static final String UNLOCK =
      "SELECT pg_advisory_unlock(hashtext('market-data-service'),"
          + " hashtext('storage-maintenance'))";
  private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '1s'";
  // Bounds as pg_get_expr writes them: FOR VALUES FROM ('...') TO ('...'), MINVALUE / MAXVALUE
  // unquoted (no match: unbounded), or DEFAULT.
  private static final String PARTITIONS =
      "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' AS is_default,"
          + " (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1]"
          + "::timestamptz AS lower_bound,"
          + " (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]"
          + "::timestamptz AS upper_bound"
          + " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
          + " WHERE i.inhparent = $1::regclass";
  // Every queue (price events', averages' ADR 0011, bars' ADR 0013) keeps published rows as long.
  // Published is at or below the relay's position (ADR 0016); each batch takes the lowest ids, so a
  // round reads from the low end along the primary key and never scans the young rows above.
  private static final List<String> PURGE_OUTBOXES =
      List.of(
          purge("outbox", ""),
          purge("average_outbox", ""),
          // Closed 1m bars stay until every larger bucket they roll up into is closed (ADR 0013).
          purge(
              "bar_outbox",
              " AND bucket_start < (SELECT coalesce(min(closed_until), 'infinity') FROM bar_closes)"));

  private static String purge(String table, String also) {
    return "DELETE FROM "
        + table
        + " WHERE id IN (SELECT id FROM "
        + table
        + " WHERE id <= "
        + OutboxRows.position(table)
        + " ORDER BY id LIMIT $2) AND created_at < $1"
        + also;
  }

  /** A table partitioned by day, and the cutoff of its retention. */
  private record Table(
      DailyPartitions partitions, BiFunction<RetentionPolicy, Instant, Optional<Instant>> cutoff) {}

  private static final List<Table> TABLES =
      List.of(
          new Table(
              new DailyPartitions("raw_market_data", "fetched_at"),
              RetentionPolicy::rawResponsesBefore),
          new Table(
              new DailyPartitions("price_points", "quote_ts"), RetentionPolicy::pricePointsBefore));

  private final Pool pool;
  private final int outboxBatch;
  private final int outboxBatchesPerPass;

  @Inject
  public PgStorageMaintenance(Pool pool) {
    this(pool, OUTBOX_BATCH, OUTBOX_BATCHES_PER_PASS);
  }

  PgStorageMaintenance(Pool pool, int outboxBatch, int outboxBatchesPerPass) {
    this.pool = pool;
    this.outboxBatch = outboxBatch;
    this.outboxBatchesPerPass = outboxBatchesPerPass;
  }

  @Override
  public CompletionStage<MaintenanceReport> maintain(RetentionPolicy policy, Instant now) {
    return PgFailures.toStage(
        pool.withConnection(
            conn ->
                conn.query(TRY_LOCK)
                    .execute()
                    .compose(
                        rows -> {
                          if (!rows.iterator().next().getBoolean(0)) {
                            return Future.succeededFuture(MaintenanceReport.SKIPPED);
                          }
                          return new Pass(conn, policy, now)
                              .run()
                              .eventually(() -> conn.query(UNLOCK).execute());
                        })));
  }

  /** One pass on one connection: its steps run one after another, each in its own transaction. */
  private final class Pass {
    private final SqlConnection conn;
    private final RetentionPolicy policy;
    private final Instant now;
    private int created;
    private int dropped;
    private long deleted;
    private boolean backlog;
    private Throwable firstFailure;

    Pass(SqlConnection conn, RetentionPolicy policy, Instant now) {
      this.conn = conn;
      this.policy = policy;
      this.now = now;
    }

    Future<MaintenanceReport> run() {
      Future<Void> steps = Future.succeededFuture();
      for (Table table : TABLES) {
        steps = steps.compose(v -> step(() -> maintain(table)));
      }
      return steps
          .compose(v -> step(this::purgeOutbox))
          .compose(
              v ->
                  firstFailure == null
                      ? Future.succeededFuture(
                          new MaintenanceReport(created, dropped, deleted, backlog, false))
                      : Future.failedFuture(firstFailure));
    }

    /** Runs a step; its failure is kept for the end of the pass, and the next steps still run. */
    private Future<Void> step(Supplier<Future<Void>> step) {
      Future<Void> ran;
      try {
        ran = step.get();
      } catch (RuntimeException e) {
        ran = Future.failedFuture(e);
      }
      return ran.recover(
          e -> {
            if (firstFailure == null) {
              firstFailure = e;
            } else {
              log.warn("storage maintenance step failed too: {}", e.toString());
            }
            return Future.succeededFuture();
          });
    }

    private Future<Void> maintain(Table table) {
      DailyPartitions days = table.partitions();
      Optional<Instant> cutoff = table.cutoff().apply(policy, now);
      return partitions(days)
          .compose(
              existing -> {
                Future<Void> done = Future.succeededFuture();
                for (Instant day : days.missingDays(existing, now, DAYS_AHEAD)) {
                  done = done.compose(v -> create(days, day));
                }
                if (cutoff.isEmpty()) {
                  return done;
                }
                for (Partition expired : DailyPartitions.expired(existing, cutoff.get())) {
                  done = done.compose(v -> drop(days, expired));
                }
                return done.compose(v -> purgeDefault(days, cutoff.get()));
              });
    }

    private Future<List<Partition>> partitions(DailyPartitions days) {
      return conn.preparedQuery(PARTITIONS)
          .execute(Tuple.of(days.table()))
          .map(
              rows -> {
                List<Partition> partitions = new ArrayList<>();
                for (Row row : rows) {
                  partitions.add(
                      new Partition(
                          row.getString("relname"),
                          Optional.ofNullable(instant(row.getOffsetDateTime("lower_bound"))),
                          Optional.ofNullable(instant(row.getOffsetDateTime("upper_bound"))),
                          row.getBoolean("is_default")));
                }
                return partitions;
              });
    }

    private Future<Void> create(DailyPartitions days, Instant day) {
      return inTransaction(
          () -> {
            Future<Void> done = Future.succeededFuture();
            for (String sql : days.create(day)) {
              done = done.compose(v -> conn.query(sql).execute().mapEmpty());
            }
            return done.onSuccess(
                v -> {
                  created++;
                  log.info("partition created table={} day={}", days.table(), day);
                });
          });
    }

    private Future<Void> drop(DailyPartitions days, Partition partition) {
      return inTransaction(
          () ->
              conn.query(days.drop(partition))
                  .execute()
                  .<Void>mapEmpty()
                  .onSuccess(
                      v -> {
                        dropped++;
                        log.info(
                            "partition dropped, past retention partition={} ended={}",
                            partition.name(),
                            partition.to().orElseThrow());
                      }));
    }

    /** Rows past retention that no daily partition took: quote times older than the oldest day. */
    private Future<Void> purgeDefault(DailyPartitions days, Instant cutoff) {
      return conn.preparedQuery(days.purgeDefault())
          .execute(Tuple.of(timestamptz(cutoff)))
          .onSuccess(rows -> deleted += rows.rowCount())
          .mapEmpty();
    }

    private Future<Void> purgeOutbox() {
      Optional<Instant> cutoff = policy.publishedEventsBefore(now);
      if (cutoff.isEmpty()) {
        return Future.succeededFuture();
      }
      Future<Void> done = Future.succeededFuture();
      for (String purge : PURGE_OUTBOXES) {
        done = done.compose(v -> purgeOutbox(purge, timestamptz(cutoff.get()), 1));
      }
      return done;
    }

    private Future<Void> purgeOutbox(String purge, OffsetDateTime cutoff, int batch) {
      return conn.preparedQuery(purge)
          .execute(Tuple.of(cutoff, outboxBatch))
          .compose(
              rows -> {
                deleted += rows.rowCount();
                if (rows.rowCount() < outboxBatch) {
                  return Future.succeededFuture();
                }
                if (batch >= outboxBatchesPerPass) {
                  backlog = true;
                  return Future.succeededFuture();
                }
                return purgeOutbox(purge, cutoff, batch + 1);
              });
    }

    private Future<Void> inTransaction(Supplier<Future<Void>> work) {
      return conn.begin()
          .compose(
              tx ->
                  conn.query(LOCK_TIMEOUT)
                      .execute()
                      .compose(v -> work.get())
                      .compose(
                          v -> tx.commit(),
                          failure ->
                              tx.rollback().transform(ignored -> Future.failedFuture(failure))));
    }
  }
}

package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.port.PositionedOutbox;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What the three outboxes ({@code outbox}, {@code average_outbox}, {@code bar_outbox}) do alike
 * (ADR 0016): the lease and position of their row in {@code relay_positions}, taken, moved by
 * compare-and-set and given up on the database's clock; reads of the rows above the position that
 * the gap rule (ADR 0012) makes final; what waits above the position. Each is one statement on the
 * pool (no session state); only the columns read and the entry made of a row differ per outbox.
 */
abstract class OutboxRows<E> implements PositionedOutbox<E> {
  private static final String LEASE_END = "now() + $3::bigint * interval '1 millisecond'";
  // A live lease of another relay matches no row, so a follower's try writes nothing.
  private static final String LEAD =
      "UPDATE relay_positions SET holder = $2, lease_expires_at = "
          + LEASE_END
          + " WHERE outbox = $1 AND (holder IS NULL OR holder = $2"
          + " OR lease_expires_at IS NULL OR lease_expires_at < now())"
          + " RETURNING position";
  private static final String ADVANCE =
      "UPDATE relay_positions SET position = $5, lease_expires_at = "
          + LEASE_END
          + " WHERE outbox = $1 AND holder = $2 AND position = $4";
  private static final String RESIGN =
      "UPDATE relay_positions SET holder = NULL, lease_expires_at = NULL"
          + " WHERE outbox = $1 AND holder = $2";

  private final Pool pool;
  private final String table;
  private final Function<Row, E> entry;
  private final String readFinal;
  private final String unpublished;
  private final String depth;

  /** {@code columns}: the columns an entry is made of, as a select list of {@code table}. */
  protected OutboxRows(Pool pool, String table, String columns, Function<Row, E> entry) {
    this.pool = pool;
    this.table = table;
    this.entry = entry;
    // One statement, so the rows, the bounds and the final id come from one snapshot, as the live
    // log's read (PgLiveEventLog, ADR 0012): the snapshot's xmin, and the next xid read while it
    // runs (xmin + age(xmin), in a statement without an xid of its own). Run on the pool,
    // autocommit.
    // The final id F is the highest observation ($2 ids, $3 their next xids) this snapshot makes
    // final, or its own when nothing was running (xnext = xmin), else the position: only rows in
    // (position, F] are read, never one that a lower id may still commit before (ADR 0016). The
    // bounds are materialized so the table's max(id) is probed once.
    this.readFinal =
        "WITH snap AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS x),"
            + " bounds AS MATERIALIZED (SELECT x::text::bigint AS snapshot_xmin,"
            + " x::text::bigint + age(x::xid) AS snapshot_xnext,"
            + " coalesce((SELECT max(id) FROM "
            + table
            + "), 0) AS max_id FROM snap),"
            + " fin AS (SELECT b.*, greatest($1::bigint, (SELECT max(o.m)"
            + " FROM unnest($2::bigint[], $3::bigint[]) AS o(m, x) WHERE o.x <= b.snapshot_xmin),"
            + " CASE WHEN b.snapshot_xnext <= b.snapshot_xmin THEN b.max_id END) AS final_id"
            + " FROM bounds b),"
            + " rows AS (SELECT "
            + columns
            + " FROM "
            + table
            + " WHERE id > $1 AND id <= (SELECT final_id FROM fin) ORDER BY id LIMIT $4)"
            + " SELECT f.snapshot_xmin, f.snapshot_xnext, f.max_id, f.final_id, r.* FROM fin f"
            + " LEFT JOIN rows r ON true ORDER BY r.id";
    String above = " WHERE id > " + position(table);
    this.unpublished = "SELECT " + columns + " FROM " + table + above + " ORDER BY id LIMIT $1";
    this.depth = depthQuery(table);
  }

  /**
   * Counts the rows above the position of {@code table}, exactly. Bounded on both sides because the
   * planner cannot estimate {@code id > (subquery)} and assumes a third of the table (a parallel
   * sequential scan of all of it); a two-sided range gets its small default selectivity and an
   * index scan over just the rows above the position. The upper bound, the table's highest id from
   * the same snapshot, excludes no row. No parameters, so a generic plan is the same plan.
   */
  static String depthQuery(String table) {
    return "SELECT count(*) FROM "
        + table
        + " WHERE id > "
        + position(table)
        + " AND id <= (SELECT max(id) FROM "
        + table
        + ")";
  }

  /** The stored position of {@code table}, as a scalar subquery. */
  static String position(String table) {
    return "(SELECT position FROM relay_positions WHERE outbox = '" + table + "')";
  }

  @Override
  public CompletionStage<OptionalLong> lead(String owner, Duration lease) {
    return PgFailures.toStage(
        pool.preparedQuery(LEAD)
            .execute(Tuple.of(table, owner, lease.toMillis()))
            .map(
                rows ->
                    rows.rowCount() == 0
                        ? OptionalLong.empty()
                        : OptionalLong.of(rows.iterator().next().getLong(0))));
  }

  @Override
  public CompletionStage<OutboxRead<E>> readFinal(
      long position, List<OutboxObservation> observations, int limit) {
    Long[] maxIds = new Long[observations.size()];
    Long[] xnexts = new Long[observations.size()];
    for (int i = 0; i < maxIds.length; i++) {
      maxIds[i] = observations.get(i).maxId();
      xnexts[i] = observations.get(i).xnext();
    }
    return PgFailures.toStage(
        pool.preparedQuery(readFinal)
            .execute(Tuple.of(position, maxIds, xnexts, limit))
            .map(
                rows -> {
                  Row first = rows.iterator().next();
                  List<E> entries = new ArrayList<>(rows.size());
                  for (Row row : rows) {
                    // The bounds' row alone when nothing is final: no id.
                    if (row.getLong("id") != null) {
                      entries.add(entry.apply(row));
                    }
                  }
                  return new OutboxRead<>(
                      entries,
                      first.getLong("final_id"),
                      first.getLong("max_id"),
                      first.getLong("snapshot_xmin"),
                      first.getLong("snapshot_xnext"));
                }));
  }

  @Override
  public CompletionStage<Boolean> advance(String owner, long from, long to, Duration lease) {
    return PgFailures.toStage(
        pool.preparedQuery(ADVANCE)
            .execute(Tuple.of(table, owner, lease.toMillis(), from, to))
            .map(rows -> rows.rowCount() == 1));
  }

  @Override
  public CompletionStage<Void> resign(String owner) {
    return PgFailures.toStage(
        pool.preparedQuery(RESIGN).execute(Tuple.of(table, owner)).mapEmpty());
  }

  @Override
  public CompletionStage<List<E>> unpublished(int limit) {
    return PgFailures.toStage(
        pool.preparedQuery(unpublished).execute(Tuple.of(limit)).map(this::entries));
  }

  @Override
  public CompletionStage<Long> depth() {
    return PgFailures.toStage(
        pool.preparedQuery(depth).execute().map(rows -> rows.iterator().next().getLong(0)));
  }

  private List<E> entries(RowSet<Row> rows) {
    List<E> entries = new ArrayList<>(rows.size());
    for (Row row : rows) {
      entries.add(entry.apply(row));
    }
    return entries;
  }
}

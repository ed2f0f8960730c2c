package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.model.BarCloseReport;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.port.BarCloser;
import dev.marketdata.domain.quality.QualityRules;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Closes bars in PostgreSQL (ADR 0013). One pass is one transaction that holds a transaction-scoped
 * advisory lock (a replica that does not get it skips), so a bucket's bars are written to {@code
 * bar_outbox} and its interval's watermark in {@code bar_closes} moves past it together, once.
 *
 * <p>1m bars are aggregated from {@code price_points} exactly as {@link PgBarRepository} does (one
 * {@code array_agg} in (quote_ts, raw_response_id) order), a minute range at a time by the quote_ts
 * index. Larger intervals are rolled up from the closed 1m bars of their bucket: the first open,
 * the last close, the extremes and the summed count of consecutive buckets are the open, close,
 * high, low and count of their union, so the roll-up is exact and reads 60 rows per symbol for an
 * hour instead of 3,600 points a second. A larger bucket is closed once the 1m watermark has passed
 * its end, in the same transaction.
 */
public final class PgBarCloser implements BarCloser {
  /**
   * At most this much 1m history per pass, so a closer catching up keeps its transactions short.
   */
  static final Duration MAX_CATCH_UP = Duration.ofMinutes(60);

  private static final String EPOCH = "TIMESTAMPTZ '1970-01-01 00:00:00+00'";
  private static final String TRY_LOCK =
      "SELECT pg_try_advisory_xact_lock(hashtext('market-data-service'), hashtext('bar-closer'))";
  // The transaction takes its xid before it draws live-log ids (ADR 0012's gap rule).
  private static final String XID = "SELECT pg_current_xact_id()";
  private static final String START =
      "INSERT INTO bar_closes (\"interval\", closed_until) VALUES ($1, $2) ON CONFLICT DO NOTHING";
  private static final String WATERMARKS =
      "SELECT \"interval\", closed_until FROM bar_closes FOR UPDATE";
  private static final String ADVANCE =
      "UPDATE bar_closes SET closed_until = $2 WHERE \"interval\" = $1";
  private static final String COLUMNS =
      "INSERT INTO bar_outbox (symbol, provider, \"interval\", bucket_start, bucket_end,"
          + " open, high, low, close, count) ";
  static final String MINUTES = minutes(false);

  /** The 1m bars of [$1, $2), with or without suspect prices (ADR 0014). */
  static String minutes(boolean includeSuspect) {
    return COLUMNS
        + "SELECT symbol, provider, '1m', bucket, bucket + INTERVAL '60 seconds',"
        + " prices[1], high, low, prices[cardinality(prices)], n"
        + " FROM (SELECT symbol, provider, date_bin(INTERVAL '60 seconds', quote_ts, "
        + EPOCH
        + ") AS bucket, array_agg(price ORDER BY quote_ts, raw_response_id) AS prices,"
        + " max(price) AS high, min(price) AS low, count(*)::int AS n"
        + " FROM price_points WHERE quote_ts >= $1 AND quote_ts < $2"
        + (includeSuspect ? "" : PgBarRepository.NOT_SUSPECT)
        + " GROUP BY 1, 2, 3) b"
        + " ORDER BY bucket, symbol, provider";
  }

  private final Pool pool;
  private final String minutes;

  @Inject
  public PgBarCloser(Pool pool, QualityRules rules) {
    this.pool = pool;
    this.minutes = minutes(rules.includeSuspect());
  }

  public PgBarCloser(Pool pool) {
    this(pool, QualityRules.defaults());
  }

  /** The roll-up of closed 1m bars into {@code interval}'s buckets in [$1, $2); $3 is the label. */
  static String rollUp(BarInterval interval) {
    String bucket;
    String end;
    if (interval.intraday()) {
      String length = "INTERVAL '" + interval.length().toSeconds() + " seconds'";
      bucket = "date_bin(" + length + ", bucket_start, " + EPOCH + ")";
      end = "bucket + " + length;
    } else {
      bucket = "date_trunc('day', bucket_start, $4::text)";
      end = "((bucket AT TIME ZONE $4::text) + INTERVAL '1 day') AT TIME ZONE $4::text";
    }
    return COLUMNS
        + "SELECT symbol, provider, $3, bucket, "
        + end
        + ", open, high, low, close, n FROM (SELECT symbol, provider, "
        + bucket
        + " AS bucket, (array_agg(open ORDER BY bucket_start))[1] AS open,"
        + " max(high) AS high, min(low) AS low,"
        + " (array_agg(close ORDER BY bucket_start DESC))[1] AS close, sum(count)::int AS n"
        + " FROM bar_outbox WHERE \"interval\" = '1m' AND bucket_start >= $1 AND bucket_start < $2"
        + " GROUP BY 1, 2, 3) b ORDER BY bucket, symbol, provider";
  }

  @Override
  public CompletionStage<BarCloseReport> close(Instant now, Duration grace, ZoneId zone) {
    return PgFailures.toStage(
        pool.withTransaction(
            conn ->
                conn.query(TRY_LOCK)
                    .execute()
                    .compose(
                        rows ->
                            rows.iterator().next().getBoolean(0)
                                ? new Pass(conn, now, grace, zone).run()
                                : Future.succeededFuture(BarCloseReport.SKIPPED))));
  }

  /** One pass inside the transaction that holds the lock. */
  private final class Pass {
    private final SqlConnection conn;
    private final Instant now;
    private final Duration grace;
    private final ZoneId zone;
    private int bars;

    Pass(SqlConnection conn, Instant now, Duration grace, ZoneId zone) {
      this.conn = conn;
      this.now = now;
      this.grace = grace;
      this.zone = zone;
    }

    Future<BarCloseReport> run() {
      Instant minute = BarInterval.ONE_MINUTE.bucketStart(now, zone);
      List<Tuple> starts = new ArrayList<>();
      for (BarInterval interval : BarInterval.values()) {
        // A larger interval starts at its first bucket that the 1m bars will wholly cover.
        starts.add(Tuple.of(interval.label(), timestamptz(interval.ceil(minute, zone))));
      }
      return conn.query(XID)
          .execute()
          .compose(v -> conn.preparedQuery(START).executeBatch(starts))
          .compose(v -> conn.query(WATERMARKS).execute())
          .compose(
              rows -> {
                Map<BarInterval, Instant> closed = new EnumMap<>(BarInterval.class);
                for (Row row : rows) {
                  closed.put(
                      BarInterval.parse(row.getString("interval")),
                      instant(row.getOffsetDateTime("closed_until")));
                }
                return closeMinutes(closed.get(BarInterval.ONE_MINUTE))
                    .compose(minutesUntil -> rollUps(closed, minutesUntil));
              })
          .map(v -> new BarCloseReport(false, bars));
    }

    private Future<Instant> closeMinutes(Instant closed) {
      Instant due = BarInterval.ONE_MINUTE.bucketStart(now.minus(grace), zone);
      Instant capped = closed.plus(MAX_CATCH_UP);
      Instant until = due.isAfter(capped) ? capped : due;
      if (!until.isAfter(closed)) {
        return Future.succeededFuture(closed);
      }
      return conn.preparedQuery(minutes)
          .execute(Tuple.of(timestamptz(closed), timestamptz(until)))
          .compose(rows -> advance(BarInterval.ONE_MINUTE, until, rows.rowCount()))
          .map(until);
    }

    private Future<Void> rollUps(Map<BarInterval, Instant> closed, Instant minutesUntil) {
      Future<Void> done = Future.succeededFuture();
      for (BarInterval interval : BarInterval.values()) {
        if (interval == BarInterval.ONE_MINUTE) {
          continue;
        }
        Instant from = closed.get(interval);
        Instant until = interval.bucketStart(minutesUntil, zone);
        if (!until.isAfter(from)) {
          continue;
        }
        Tuple args = Tuple.of(timestamptz(from), timestamptz(until), interval.label());
        if (!interval.intraday()) {
          args.addValue(zone.getId());
        }
        done =
            done.compose(
                v ->
                    conn.preparedQuery(rollUp(interval))
                        .execute(args)
                        .compose(rows -> advance(interval, until, rows.rowCount())));
      }
      return done;
    }

    private Future<Void> advance(BarInterval interval, Instant until, int written) {
      bars += written;
      return conn.preparedQuery(ADVANCE)
          .execute(Tuple.of(interval.label(), timestamptz(until)))
          .mapEmpty();
    }
  }
}

package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarCursor;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.port.BarRepository;
import dev.marketdata.domain.quality.QualityRules;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Bars aggregated on read from {@code price_points}, so a bar is by construction the aggregation of
 * its bucket's stored points, whatever order they arrived in. One {@code array_agg} ordered by
 * (quote_ts, raw_response_id), which is {@code PriceEvent.ORDER} because PostgreSQL compares uuids
 * as unsigned bytes, gives both the first (open) and the last (close) price; the planner feeds it
 * from one sort per read. Measured against the alternatives in {@code benchmarks} (README, "Bars
 * query latency").
 *
 * <p>The bounds on quote_ts let PostgreSQL skip the daily partitions outside the range. A read
 * first aggregates only the last {@code limit + 1} buckets of the range, which hold the answer
 * whenever the symbol has prices in each; only when some are empty does a second query reach back
 * over the rest of the range.
 */
public final class PgBarRepository implements BarRepository {
  private static final String EPOCH = "TIMESTAMPTZ '1970-01-01 00:00:00+00'";

  /** Suspect prices (ADR 0014) are not part of any bar unless the settings include them. */
  static final String NOT_SUSPECT = " AND NOT suspect";

  private final Pool pool;
  private final Clock clock;
  private final boolean includeSuspect;

  @Inject
  public PgBarRepository(Pool pool, Clock clock, QualityRules rules) {
    this.pool = pool;
    this.clock = clock;
    this.includeSuspect = rules.includeSuspect();
  }

  public PgBarRepository(Pool pool, Clock clock) {
    this(pool, clock, QualityRules.defaults());
  }

  /** The query for one interval's buckets without suspect prices. */
  static String sql(BarInterval interval) {
    return sql(interval, false);
  }

  /** The query for one interval's buckets, newest first; {@code $6} is the zone for {@code 1d}. */
  static String sql(BarInterval interval, boolean includeSuspect) {
    String bucket =
        interval.intraday()
            ? "date_bin(INTERVAL '"
                + interval.length().toSeconds()
                + " seconds', quote_ts, "
                + EPOCH
                + ")"
            : "date_trunc('day', quote_ts, $6::text)";
    return "SELECT bucket, prices[1] AS open, high, low, prices[cardinality(prices)] AS close, n"
        + " FROM (SELECT "
        + bucket
        + " AS bucket, array_agg(price ORDER BY quote_ts, raw_response_id) AS prices,"
        + " max(price) AS high, min(price) AS low, count(*) AS n"
        + " FROM price_points WHERE symbol = $1 AND provider = $2"
        + " AND quote_ts >= $3 AND quote_ts < $4"
        + (includeSuspect ? "" : NOT_SUSPECT)
        + " GROUP BY 1 ORDER BY 1 DESC LIMIT $5) b"
        + " ORDER BY bucket DESC";
  }

  @Override
  public CompletionStage<BarPage> bars(BarQuery q) {
    Instant pointsFrom = q.pointsFrom();
    Instant pointsTo = q.pointsTo();
    if (!pointsFrom.isBefore(pointsTo)) {
      return Future.succeededFuture(BarPage.empty()).toCompletionStage();
    }
    int wanted = q.limit() + 1; // one more than asked tells whether older bars remain
    Instant recent = q.interval().minus(pointsTo, wanted, q.zone());
    Instant split = recent.isAfter(pointsFrom) ? recent : pointsFrom;
    Instant now = clock.instant();
    Future<List<Bar>> newestFirst =
        range(q, split, pointsTo, wanted, now)
            .compose(
                found -> {
                  if (found.size() >= wanted || !split.isAfter(pointsFrom)) {
                    return Future.succeededFuture(found);
                  }
                  return range(q, pointsFrom, split, wanted - found.size(), now)
                      .map(
                          older -> {
                            List<Bar> all = new ArrayList<>(found);
                            all.addAll(older);
                            return all;
                          });
                });
    return PgFailures.toStage(newestFirst.map(bars -> page(q, bars)));
  }

  private static BarPage page(BarQuery q, List<Bar> newestFirst) {
    Optional<BarCursor> next = Optional.empty();
    List<Bar> bars = newestFirst;
    if (bars.size() > q.limit()) {
      bars = bars.subList(0, q.limit());
      next = Optional.of(new BarCursor(q.interval(), bars.get(bars.size() - 1).start()));
    }
    List<Bar> ascending = new ArrayList<>(bars);
    Collections.reverse(ascending);
    return new BarPage(ascending, next);
  }

  private Future<List<Bar>> range(BarQuery q, Instant from, Instant to, int limit, Instant now) {
    Tuple args =
        Tuple.of(
            q.symbol().value(), q.provider().value(), timestamptz(from), timestamptz(to), limit);
    if (!q.interval().intraday()) {
      args.addValue(q.zone().getId());
    }
    return pool.preparedQuery(sql(q.interval(), includeSuspect))
        .execute(args)
        .map(
            rows -> {
              List<Bar> bars = new ArrayList<>(rows.size());
              for (Row row : rows) {
                Instant start = instant(row.getOffsetDateTime("bucket"));
                Instant end = q.interval().bucketEnd(start, q.zone());
                bars.add(
                    new Bar(
                        q.symbol(),
                        q.provider(),
                        q.interval(),
                        start,
                        end,
                        row.getBigDecimal("open"),
                        row.getBigDecimal("high"),
                        row.getBigDecimal("low"),
                        row.getBigDecimal("close"),
                        row.getLong("n"),
                        !end.isAfter(now)));
              }
              return bars;
            });
  }
}

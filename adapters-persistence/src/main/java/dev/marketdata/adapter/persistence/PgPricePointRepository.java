package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgRows.PRICE_POINT_COLUMNS;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.HistoryCursor;
import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PricePointRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Reads price points newest first. {@code ORDER BY quote_ts DESC, raw_response_id DESC} is {@code
 * PriceEvent.ORDER} reversed, because PostgreSQL compares uuids as unsigned bytes; both queries
 * walk {@code price_points_symbol_provider_quote_idx}.
 */
public final class PgPricePointRepository implements PricePointRepository {
  static final String NEWEST =
      "SELECT "
          + PRICE_POINT_COLUMNS
          + " FROM price_points WHERE symbol = $1 AND provider = $2"
          + " ORDER BY quote_ts DESC, raw_response_id DESC LIMIT $3";
  static final String HISTORY_FIRST_PAGE =
      "SELECT "
          + PRICE_POINT_COLUMNS
          + " FROM price_points WHERE symbol = $1 AND provider = $2"
          + " AND quote_ts >= $3 AND quote_ts < $4"
          + " ORDER BY quote_ts DESC, raw_response_id DESC LIMIT $5";
  // The row comparison is what lets the index range scan start right after the cursor.
  static final String HISTORY_AFTER_CURSOR =
      "SELECT "
          + PRICE_POINT_COLUMNS
          + " FROM price_points WHERE symbol = $1 AND provider = $2"
          + " AND quote_ts >= $3 AND quote_ts < $4 AND (quote_ts, raw_response_id) < ($6, $7)"
          + " ORDER BY quote_ts DESC, raw_response_id DESC LIMIT $5";

  private final Pool pool;

  @Inject
  public PgPricePointRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<Optional<PricePoint>> latest(Symbol symbol, ProviderId provider) {
    return PgFailures.toStage(
        newestRows(symbol, provider, 1).map(points -> points.stream().findFirst()));
  }

  @Override
  public CompletionStage<List<PricePoint>> newest(Symbol symbol, ProviderId provider, int count) {
    if (count < 1) {
      return Future.<List<PricePoint>>failedFuture(
              new InvalidInput("count", count, "must be at least 1"))
          .toCompletionStage();
    }
    return PgFailures.toStage(newestRows(symbol, provider, count));
  }

  private Future<List<PricePoint>> newestRows(Symbol symbol, ProviderId provider, int count) {
    return pool.preparedQuery(NEWEST)
        .execute(Tuple.of(symbol.value(), provider.value(), count))
        .map(PgPricePointRepository::points);
  }

  @Override
  public CompletionStage<HistoryPage> history(HistoryQuery q) {
    // One row more than asked tells whether another page follows.
    Tuple args =
        Tuple.of(
            q.symbol().value(),
            q.provider().value(),
            timestamptz(q.from()),
            timestamptz(q.to()),
            q.limit() + 1);
    String sql = HISTORY_FIRST_PAGE;
    if (q.after().isPresent()) {
      HistoryCursor cursor = q.after().get();
      args.addValue(timestamptz(cursor.timestamp())).addValue(cursor.rawResponseId());
      sql = HISTORY_AFTER_CURSOR;
    }
    return PgFailures.toStage(
        pool.preparedQuery(sql)
            .execute(args)
            .map(
                rows -> {
                  List<PricePoint> points = points(rows);
                  if (points.size() <= q.limit()) {
                    return new HistoryPage(points, Optional.empty());
                  }
                  List<PricePoint> page = points.subList(0, q.limit());
                  return new HistoryPage(
                      page, Optional.of(HistoryCursor.after(page.get(page.size() - 1))));
                }));
  }

  private static List<PricePoint> points(RowSet<Row> rows) {
    List<PricePoint> points = new ArrayList<>(rows.size());
    for (Row row : rows) {
      points.add(PgRows.pricePoint(row));
    }
    return points;
  }
}

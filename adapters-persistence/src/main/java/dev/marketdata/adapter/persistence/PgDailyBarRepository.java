package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.DailyBarRepository;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Backfilled bars in {@code daily_bars}: the raw response and the upsert of its bars in one
 * transaction, the bars as arrays through {@code unnest()} (one statement whatever the range).
 */
public final class PgDailyBarRepository implements DailyBarRepository {
  private static final String INSERT_RAW =
      "INSERT INTO raw_market_data (id, symbol, provider, http_status, body, content_type,"
          + " fetched_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
  // An equal bar is not touched (the WHERE of DO UPDATE), so a repeated backfill counts 0 rows
  // and keeps the first raw response id; a corrected bar takes the newer answer's values and id.
  private static final String UPSERT_BARS =
      "INSERT INTO daily_bars AS b (symbol, provider, day, open, high, low, close, volume,"
          + " raw_response_id) SELECT $1, $2, day, open, high, low, close, volume, $3"
          + " FROM unnest($4::date[], $5::numeric[], $6::numeric[], $7::numeric[],"
          + " $8::numeric[], $9::int8[]) AS t(day, open, high, low, close, volume)"
          + " ON CONFLICT (symbol, provider, day) DO UPDATE SET open = EXCLUDED.open,"
          + " high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,"
          + " volume = EXCLUDED.volume, raw_response_id = EXCLUDED.raw_response_id,"
          + " stored_at = now()"
          + " WHERE (b.open, b.high, b.low, b.close, b.volume)"
          + " IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close,"
          + " EXCLUDED.volume)";
  private static final String RANGE =
      "SELECT symbol, provider, day, open, high, low, close, volume, raw_response_id"
          + " FROM daily_bars WHERE symbol = $1 AND provider = $2 AND day >= $3 AND day < $4"
          + " ORDER BY day";

  private final Pool pool;

  @Inject
  public PgDailyBarRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<Integer> store(FetchedHistory history) {
    RawResponse raw = history.raw();
    Tuple rawRow =
        Tuple.tuple()
            .addValue(raw.id())
            .addValue(raw.symbol().value())
            .addValue(raw.provider().value())
            .addValue((short) raw.httpStatus())
            .addValue(Buffer.buffer(raw.body()))
            .addValue(raw.contentType())
            .addValue(timestamptz(raw.fetchedAt()));
    List<DailyBar> bars = history.bars();
    int n = bars.size();
    LocalDate[] days = new LocalDate[n];
    Numeric[] open = new Numeric[n];
    Numeric[] high = new Numeric[n];
    Numeric[] low = new Numeric[n];
    Numeric[] close = new Numeric[n];
    Long[] volume = new Long[n];
    for (int i = 0; i < n; i++) {
      DailyBar bar = bars.get(i);
      days[i] = bar.day();
      open[i] = Numeric.create(bar.open());
      high[i] = Numeric.create(bar.high());
      low[i] = Numeric.create(bar.low());
      close[i] = Numeric.create(bar.close());
      volume[i] = bar.volume();
    }
    Tuple barRows =
        Tuple.of(raw.symbol().value(), raw.provider().value(), raw.id(), days, open, high)
            .addValue(low)
            .addValue(close)
            .addValue(volume);
    return PgFailures.toStage(
        insert(rawRow, barRows, PgIngestionRepository.PARTITION_RACE_ATTEMPTS));
  }

  /** As the ingest transaction: tried again when it lost a race with partition maintenance. */
  private Future<Integer> insert(Tuple rawRow, Tuple barRows, int attempts) {
    return pool.<Integer>withTransaction(
            conn ->
                conn.preparedQuery(INSERT_RAW)
                    .execute(rawRow)
                    .compose(done -> conn.preparedQuery(UPSERT_BARS).execute(barRows))
                    .map(rows -> rows.rowCount()))
        .recover(
            e ->
                attempts > 1 && PgFailures.isPartitionRace(e)
                    ? insert(rawRow, barRows, attempts - 1)
                    : Future.failedFuture(e));
  }

  @Override
  public CompletionStage<List<DailyBar>> dailyBars(
      Symbol symbol, ProviderId provider, LocalDate fromDay, LocalDate toDayExclusive) {
    return PgFailures.toStage(
        pool.preparedQuery(RANGE)
            .execute(Tuple.of(symbol.value(), provider.value(), fromDay, toDayExclusive))
            .map(
                rows -> {
                  List<DailyBar> bars = new ArrayList<>(rows.size());
                  for (Row row : rows) {
                    bars.add(bar(row));
                  }
                  return bars;
                }));
  }

  private static DailyBar bar(Row row) {
    UUID rawId = row.getUUID("raw_response_id");
    return new DailyBar(
        Symbol.of(row.getString("symbol")),
        ProviderId.of(row.getString("provider")),
        row.getLocalDate("day"),
        row.getBigDecimal("open"),
        row.getBigDecimal("high"),
        row.getBigDecimal("low"),
        row.getBigDecimal("close"),
        row.getLong("volume"),
        rawId);
  }
}

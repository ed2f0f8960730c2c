package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.micros;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.port.IngestionRepository;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Stores raw responses, price points and outbox events in one PostgreSQL transaction per call, a
 * whole batch at a time.
 */
public final class PgIngestionRepository implements IngestionRepository {
  private static final String INSERT_RAW =
      "INSERT INTO raw_market_data (id, symbol, provider, http_status, body, content_type,"
          + " fetched_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
  private static final String INSERT_POINT =
      "INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at, raw_response_id)"
          + " VALUES ($1, $2, $3, $4, $5, $6)";
  private static final String INSERT_OUTBOX =
      "INSERT INTO outbox (raw_response_id, symbol, provider, price, quote_ts)"
          + " VALUES ($1, $2, $3, $4, $5)";

  private final Pool pool;

  @Inject
  public PgIngestionRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<PricePoint> ingest(FetchedQuote fetched) {
    return ingestAll(List.of(fetched)).thenApply(stored -> stored.get(0));
  }

  /** Three batched inserts in one transaction: one commit however many quotes. */
  @Override
  public CompletionStage<List<PricePoint>> ingestAll(List<FetchedQuote> batch) {
    if (batch.isEmpty()) {
      return java.util.concurrent.CompletableFuture.completedFuture(List.of());
    }
    List<PricePoint> points = new ArrayList<>(batch.size());
    List<Tuple> rawRows = new ArrayList<>(batch.size());
    List<Tuple> pointRows = new ArrayList<>(batch.size());
    List<Tuple> outboxRows = new ArrayList<>(batch.size());
    for (FetchedQuote fetched : batch) {
      RawResponse raw = fetched.raw();
      PricePoint p = PricePoint.of(fetched);
      PricePoint point =
          new PricePoint(
              p.symbol(),
              p.provider(),
              p.price(),
              micros(p.timestamp()),
              micros(p.fetchedAt()),
              p.rawResponseId());
      points.add(point);
      rawRows.add(
          Tuple.of(
              raw.id(),
              raw.symbol().value(),
              raw.provider().value(),
              (short) raw.httpStatus(),
              Buffer.buffer(raw.body()),
              raw.contentType(),
              timestamptz(raw.fetchedAt())));
      pointRows.add(
          Tuple.of(
              point.symbol().value(),
              point.provider().value(),
              point.price(),
              timestamptz(point.timestamp()),
              timestamptz(point.fetchedAt()),
              point.rawResponseId()));
      outboxRows.add(
          Tuple.of(
              point.rawResponseId(),
              point.symbol().value(),
              point.provider().value(),
              point.price(),
              timestamptz(point.timestamp())));
    }
    Future<List<PricePoint>> stored =
        pool.withTransaction(
            conn ->
                conn.preparedQuery(INSERT_RAW)
                    .executeBatch(rawRows)
                    .compose(done -> conn.preparedQuery(INSERT_POINT).executeBatch(pointRows))
                    .compose(done -> conn.preparedQuery(INSERT_OUTBOX).executeBatch(outboxRows))
                    .map(done -> List.copyOf(points)));
    return PgFailures.toStage(
        stored.recover(
            e ->
                PgFailures.isUniqueViolation(e, "raw_market_data_pkey")
                    ? Future.failedFuture(
                        new InvalidInput(
                            "rawResponseId",
                            batch.size() == 1 ? batch.get(0).raw().id() : "one of " + batch.size(),
                            "was already stored"))
                    : Future.failedFuture(e)));
  }
}

package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.micros;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.port.IngestionRepository;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Stores raw responses, price points and outbox events in one PostgreSQL transaction per call, a
 * whole batch at a time.
 */
public final class PgIngestionRepository implements IngestionRepository {
  // Each table gets one statement whatever the batch size: the rows travel as arrays and unnest()
  // turns them back into rows. A prepared INSERT executed once per row (executeBatch) cost
  // PostgreSQL one executor start-up per row, which was most of its CPU at 10,000 quotes/s.
  private static final String INSERT_RAW =
      "INSERT INTO raw_market_data (id, symbol, provider, http_status, body, content_type,"
          + " fetched_at) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int2[],"
          + " $5::bytea[], $6::text[], $7::timestamptz[])";
  private static final String INSERT_POINT =
      "INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at, raw_response_id)"
          + " SELECT symbol, provider, price, quote_ts, fetched_at, raw_response_id"
          + " FROM unnest($1::text[], $2::text[], $3::numeric[], $4::timestamptz[],"
          + " $5::timestamptz[], $6::uuid[]) WITH ORDINALITY"
          + " AS t(symbol, provider, price, quote_ts, fetched_at, raw_response_id, n) ORDER BY n";
  // Outbox ids are the relay's publishing order, so they are drawn in the batch's order. They are
  // also live-log ids (ADR 0012), drawn last: INSERT_RAW, the transaction's first write, has given
  // it an xid by then, which the live stream's gap rule needs of every writer of that log.
  private static final String INSERT_OUTBOX =
      "INSERT INTO outbox (raw_response_id, symbol, provider, price, quote_ts, traceparent,"
          + " tracestate) SELECT raw_response_id, symbol, provider, price, quote_ts, traceparent,"
          + " tracestate FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[],"
          + " $5::timestamptz[], $6::text[], $7::text[]) WITH ORDINALITY AS t(raw_response_id,"
          + " symbol, provider, price, quote_ts, traceparent, tracestate, n) ORDER BY n";

  // Every unique key the three inserts meet holds the raw response id: the raw response's (id and
  // fetched_at, per partition), the price's (raw response id and quote time, per partition) and
  // the outbox's (raw response id, across the table). The last refuses an id stored again at
  // another time, as long as the first one's outbox row is kept.
  private static final Predicate<String> RAW_ID_TAKEN =
      Pattern.compile("(raw_market_data|price_points)_\\w*pkey|outbox_raw_response_id_key")
          .asMatchPredicate();

  private final Pool pool;
  private final StoreSpans spans;

  /** Tries of one transaction that loses races with partition maintenance (one is rare). */
  static final int PARTITION_RACE_ATTEMPTS = 3;

  /** Untraced. */
  public PgIngestionRepository(Pool pool) {
    this(pool, OpenTelemetry.noop().getTracer("market-data-service"));
  }

  @Inject
  public PgIngestionRepository(Pool pool, Tracer tracer) {
    this.pool = pool;
    this.spans = new StoreSpans(tracer);
  }

  @Override
  public CompletionStage<PricePoint> ingest(FetchedQuote fetched) {
    return ingestAll(List.of(fetched)).thenApply(stored -> stored.get(0));
  }

  /** Three inserts in one transaction: three statements and one commit however many quotes. */
  @Override
  public CompletionStage<List<PricePoint>> ingestAll(List<FetchedQuote> batch) {
    if (batch.isEmpty()) {
      return java.util.concurrent.CompletableFuture.completedFuture(List.of());
    }
    int n = batch.size();
    List<PricePoint> points = new ArrayList<>(n);
    UUID[] ids = new UUID[n];
    String[] symbols = new String[n];
    String[] providers = new String[n];
    Short[] statuses = new Short[n];
    Buffer[] bodies = new Buffer[n];
    String[] contentTypes = new String[n];
    OffsetDateTime[] rawFetchedAt = new OffsetDateTime[n];
    Numeric[] prices = new Numeric[n];
    OffsetDateTime[] quoteTs = new OffsetDateTime[n];
    OffsetDateTime[] pointFetchedAt = new OffsetDateTime[n];
    String[] traceparents = new String[n];
    String[] tracestates = new String[n];
    for (int i = 0; i < n; i++) {
      FetchedQuote fetched = batch.get(i);
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
      ids[i] = raw.id();
      symbols[i] = raw.symbol().value();
      providers[i] = raw.provider().value();
      statuses[i] = (short) raw.httpStatus();
      bodies[i] = Buffer.buffer(raw.body());
      contentTypes[i] = raw.contentType();
      rawFetchedAt[i] = timestamptz(raw.fetchedAt());
      prices[i] = Numeric.create(point.price());
      quoteTs[i] = timestamptz(point.timestamp());
      pointFetchedAt[i] = timestamptz(point.fetchedAt());
      traceparents[i] = fetched.trace().traceparent().orElse(null);
      tracestates[i] = fetched.trace().tracestate().orElse(null);
    }
    Tuple rawRows = Tuple.of(ids, symbols, providers, statuses, bodies, contentTypes, rawFetchedAt);
    Tuple pointRows = Tuple.of(symbols, providers, prices, quoteTs, pointFetchedAt, ids);
    Tuple outboxRows =
        Tuple.of(ids, symbols, providers, prices, quoteTs, traceparents, tracestates);
    Future<List<PricePoint>> stored =
        spans.around(
            batch,
            () ->
                insert(
                    rawRows, pointRows, outboxRows, List.copyOf(points), PARTITION_RACE_ATTEMPTS));
    return PgFailures.toStage(
        stored.recover(
            e ->
                PgFailures.isUniqueViolation(e, RAW_ID_TAKEN)
                    ? Future.failedFuture(
                        new InvalidInput(
                            "rawResponseId",
                            batch.size() == 1 ? batch.get(0).raw().id() : "one of " + batch.size(),
                            "was already stored"))
                    : Future.failedFuture(e)));
  }

  /**
   * The three inserts in one transaction, tried again when it lost a race with storage maintenance:
   * a day's partition attached while this insert, routed by the partitions it had seen, waited for
   * the default partition's lock makes PostgreSQL refuse the row there ("violates partition
   * constraint"); the next try routes it into the new day. Nothing was written by the refused try.
   */
  private Future<List<PricePoint>> insert(
      Tuple rawRows, Tuple pointRows, Tuple outboxRows, List<PricePoint> points, int attempts) {
    return pool.<List<PricePoint>>withTransaction(
            conn ->
                conn.preparedQuery(INSERT_RAW)
                    .execute(rawRows)
                    .compose(done -> conn.preparedQuery(INSERT_POINT).execute(pointRows))
                    .compose(done -> conn.preparedQuery(INSERT_OUTBOX).execute(outboxRows))
                    .map(done -> points))
        .recover(
            e ->
                attempts > 1 && PgFailures.isPartitionRace(e)
                    ? insert(rawRows, pointRows, outboxRows, points, attempts - 1)
                    : Future.failedFuture(e));
  }
}

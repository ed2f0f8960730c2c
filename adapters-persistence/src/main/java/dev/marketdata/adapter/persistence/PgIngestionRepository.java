package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.micros;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.IngestionRepository;
import dev.marketdata.domain.quality.Judgement;
import dev.marketdata.domain.quality.QualityRules;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Stores raw responses, price points and outbox events in one PostgreSQL transaction per call, a
 * whole batch at a time. Every raw response is stored; a quote that repeats its pair's newest
 * stored quote (same quote time and price) stores no point and no event, and a price too far from
 * its pair's reference is stored suspect (ADR 0014). The judging happens under the lock of the
 * pair's {@code quote_heads} row, so with N replicas and coalesced batches a quote is judged new
 * once.
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
      "INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at, raw_response_id,"
          + " suspect) SELECT symbol, provider, price, quote_ts, fetched_at, raw_response_id, suspect"
          + " FROM unnest($1::text[], $2::text[], $3::numeric[], $4::timestamptz[],"
          + " $5::timestamptz[], $6::uuid[], $7::bool[]) WITH ORDINALITY"
          + " AS t(symbol, provider, price, quote_ts, fetched_at, raw_response_id, suspect, n)"
          + " ORDER BY n";
  // Outbox ids are the relay's publishing order, so they are drawn in the batch's order. They are
  // also live-log ids (ADR 0012), drawn last: INSERT_RAW, the transaction's first write, has given
  // it an xid by then, which the live stream's gap rule needs of every writer of that log.
  private static final String INSERT_OUTBOX =
      "INSERT INTO outbox (raw_response_id, symbol, provider, price, quote_ts, suspect,"
          + " traceparent, tracestate) SELECT raw_response_id, symbol, provider, price, quote_ts,"
          + " suspect, traceparent, tracestate FROM unnest($1::uuid[], $2::text[], $3::text[],"
          + " $4::numeric[], $5::timestamptz[], $6::bool[], $7::text[], $8::text[])"
          + " WITH ORDINALITY AS t(raw_response_id, symbol, provider, price, quote_ts, suspect,"
          + " traceparent, tracestate, n) ORDER BY n";

  // Every unique key the three inserts meet holds the raw response id: the raw response's (id and
  // fetched_at, per partition), the price's (raw response id and quote time, per partition) and
  // the outbox's (raw response id, across the table). The last refuses an id stored again at
  // another time, as long as the first one's outbox row is kept.
  private static final Predicate<String> RAW_ID_TAKEN =
      Pattern.compile("(raw_market_data|price_points)_\\w*pkey|outbox_raw_response_id_key")
          .asMatchPredicate();

  private final Pool pool;
  private final QualityRules rules;
  private final StoreSpans spans;

  /** Tries of one transaction that loses races with partition maintenance (one is rare). */
  static final int PARTITION_RACE_ATTEMPTS = 3;

  @Inject
  public PgIngestionRepository(Pool pool, QualityRules rules, Tracer tracer) {
    this.pool = pool;
    this.rules = rules;
    this.spans = new StoreSpans(tracer);
  }

  /** Untraced. */
  public PgIngestionRepository(Pool pool, QualityRules rules) {
    this(pool, rules, OpenTelemetry.noop().getTracer("market-data-service"));
  }

  /** With the default data-quality rules, untraced. */
  public PgIngestionRepository(Pool pool) {
    this(pool, QualityRules.defaults());
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
    List<PricePoint> parsed = new ArrayList<>(batch.size());
    for (FetchedQuote fetched : batch) {
      PricePoint p = PricePoint.of(fetched);
      parsed.add(
          new PricePoint(
              p.symbol(),
              p.provider(),
              p.price(),
              micros(p.timestamp()),
              micros(p.fetchedAt()),
              p.rawResponseId()));
    }
    Future<List<PricePoint>> stored =
        spans.around(batch, () -> insert(batch, parsed, PARTITION_RACE_ATTEMPTS));
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
   * One ingest transaction: lock the heads of the batch's pairs, judge each quote against its head
   * in the batch's order (ADR 0014), then store every raw response, the new points and their
   * events, the confirmations of same quotes, and the moved heads. Tried again when it lost a race
   * with storage maintenance: a day's partition attached while this insert, routed by the
   * partitions it had seen, waited for the default partition's lock makes PostgreSQL refuse the row
   * there ("violates partition constraint"); the next try routes it into the new day. Nothing was
   * written by the refused try.
   */
  private Future<List<PricePoint>> insert(
      List<FetchedQuote> batch, List<PricePoint> parsed, int attempts) {
    return pool.<List<PricePoint>>withTransaction(
            conn ->
                QuoteHeads.lock(conn, parsed)
                    .compose(
                        heads -> {
                          Judgement judged = Judgement.of(parsed, heads, rules);
                          return conn.preparedQuery(INSERT_RAW)
                              .execute(rawRows(batch))
                              .compose(done -> insertPoints(conn, judged.stored(), traces(batch)))
                              .compose(done -> QuoteHeads.confirm(conn, judged.confirmed()))
                              .compose(done -> QuoteHeads.write(conn, judged.heads()))
                              .map(done -> judged.answers());
                        }))
        .recover(
            e ->
                attempts > 1 && PgFailures.isPartitionRace(e)
                    ? insert(batch, parsed, attempts - 1)
                    : Future.failedFuture(e));
  }

  private static Tuple rawRows(List<FetchedQuote> batch) {
    int n = batch.size();
    UUID[] ids = new UUID[n];
    String[] symbols = new String[n];
    String[] providers = new String[n];
    Short[] statuses = new Short[n];
    Buffer[] bodies = new Buffer[n];
    String[] contentTypes = new String[n];
    OffsetDateTime[] fetchedAt = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      RawResponse raw = batch.get(i).raw();
      ids[i] = raw.id();
      symbols[i] = raw.symbol().value();
      providers[i] = raw.provider().value();
      statuses[i] = (short) raw.httpStatus();
      bodies[i] = Buffer.buffer(raw.body());
      contentTypes[i] = raw.contentType();
      fetchedAt[i] = timestamptz(raw.fetchedAt());
    }
    return Tuple.of(ids, symbols, providers, statuses, bodies, contentTypes, fetchedAt);
  }

  /** Each quote's trace context by its raw response id, for the outbox rows of the new points. */
  private static Map<UUID, TraceContext> traces(List<FetchedQuote> batch) {
    Map<UUID, TraceContext> traces = new HashMap<>();
    for (FetchedQuote fetched : batch) {
      traces.put(fetched.raw().id(), fetched.trace());
    }
    return traces;
  }

  /** The new points and their outbox events, in the batch's order; nothing when all were same. */
  private static Future<?> insertPoints(
      SqlConnection conn, List<PricePoint> stored, Map<UUID, TraceContext> traces) {
    if (stored.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = stored.size();
    UUID[] ids = new UUID[n];
    String[] symbols = new String[n];
    String[] providers = new String[n];
    Numeric[] prices = new Numeric[n];
    OffsetDateTime[] quoteTs = new OffsetDateTime[n];
    OffsetDateTime[] fetchedAt = new OffsetDateTime[n];
    Boolean[] suspect = new Boolean[n];
    String[] traceparents = new String[n];
    String[] tracestates = new String[n];
    for (int i = 0; i < n; i++) {
      PricePoint point = stored.get(i);
      ids[i] = point.rawResponseId();
      symbols[i] = point.symbol().value();
      providers[i] = point.provider().value();
      prices[i] = Numeric.create(point.price());
      quoteTs[i] = timestamptz(point.timestamp());
      fetchedAt[i] = timestamptz(point.fetchedAt());
      suspect[i] = point.suspect();
      TraceContext trace = traces.getOrDefault(point.rawResponseId(), TraceContext.NONE);
      traceparents[i] = trace.traceparent().orElse(null);
      tracestates[i] = trace.tracestate().orElse(null);
    }
    return conn.preparedQuery(INSERT_POINT)
        .execute(Tuple.of(symbols, providers, prices, quoteTs, fetchedAt, ids, suspect))
        .compose(
            done ->
                conn.preparedQuery(INSERT_OUTBOX)
                    .execute(
                        Tuple.of(
                            ids,
                            symbols,
                            providers,
                            prices,
                            quoteTs,
                            suspect,
                            traceparents,
                            tracestates)));
  }
}

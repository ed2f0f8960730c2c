package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.quality.Judgement.Pair;
import dev.marketdata.domain.quality.QuoteHead;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The {@code quote_heads} rows of an ingest transaction (ADR 0014): locked first, written last.
 *
 * <p>The lock is two statements: the pairs that have no row yet get one ({@code ON CONFLICT DO
 * NOTHING}, which waits for a concurrent insert of the same pair and then leaves its row alone),
 * then every pair's row is read {@code FOR UPDATE}, which takes its row lock until the transaction
 * ends and, after waiting for a writer, returns the version that writer committed. Locking writes
 * no new row version (an upsert that "updated" the row to itself did, with its WAL, for every pair
 * of every batch). The pairs go in one order, (symbol, provider), so two transactions that share
 * pairs wait for each other instead of deadlocking; the second then reads the head the first
 * committed, so it sees the first's quote as stored. That holds for transactions of any replica and
 * for the coalescer's concurrent batches.
 */
final class QuoteHeads {
  static final String CREATE_MISSING =
      "INSERT INTO quote_heads (symbol, provider)"
          + " SELECT symbol, provider FROM unnest($1::text[], $2::text[]) AS t(symbol, provider)"
          + " ORDER BY symbol, provider ON CONFLICT (symbol, provider) DO NOTHING";
  // A new statement, so a new snapshot: it sees rows other transactions committed meanwhile, and
  // ORDER BY sorts before the rows are locked, so the locks are taken in pair order.
  static final String LOCK =
      "SELECT h.symbol, h.provider, h.quote_ts, h.price, h.raw_response_id, h.suspect,"
          + " h.fetched_at, h.ref_quote_ts, h.ref_price FROM quote_heads h"
          + " JOIN unnest($1::text[], $2::text[]) AS t(symbol, provider)"
          + " ON h.symbol = t.symbol AND h.provider = t.provider"
          + " ORDER BY h.symbol, h.provider FOR UPDATE OF h";
  // The plain bound on quote_ts lets PostgreSQL prune the daily partitions (ADR 0009).
  static final String CONFIRM =
      "UPDATE price_points p SET confirmed_at = t.at"
          + " FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS t(id, quote_ts, at)"
          + " WHERE p.quote_ts = ANY($2::timestamptz[]) AND p.raw_response_id = t.id"
          + " AND p.quote_ts = t.quote_ts AND (p.confirmed_at IS NULL OR p.confirmed_at < t.at)";
  static final String WRITE =
      "UPDATE quote_heads h SET quote_ts = t.quote_ts, price = t.price,"
          + " raw_response_id = t.raw_response_id, suspect = t.suspect, fetched_at = t.fetched_at,"
          + " ref_quote_ts = t.ref_quote_ts, ref_price = t.ref_price"
          + " FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::numeric[], $5::uuid[],"
          + " $6::bool[], $7::timestamptz[], $8::timestamptz[], $9::numeric[])"
          + " AS t(symbol, provider, quote_ts, price, raw_response_id, suspect, fetched_at,"
          + " ref_quote_ts, ref_price)"
          + " WHERE h.symbol = t.symbol AND h.provider = t.provider";

  private QuoteHeads() {}

  /** Locks the heads of the pairs of {@code points} and reads them. */
  static Future<Map<Pair, QuoteHead>> lock(SqlConnection conn, List<PricePoint> points) {
    TreeSet<String> seen = new TreeSet<>();
    List<String> symbols = new java.util.ArrayList<>();
    List<String> providers = new java.util.ArrayList<>();
    for (PricePoint p : points) {
      if (seen.add(p.symbol().value() + "\u0000" + p.provider().value())) {
        symbols.add(p.symbol().value());
        providers.add(p.provider().value());
      }
    }
    Tuple pairs =
        Tuple.tuple()
            .addValue(symbols.toArray(String[]::new))
            .addValue(providers.toArray(String[]::new));
    return conn.preparedQuery(CREATE_MISSING)
        .execute(pairs)
        .compose(created -> conn.preparedQuery(LOCK).execute(pairs))
        .map(
            rows -> {
              Map<Pair, QuoteHead> heads = new HashMap<>();
              for (Row row : rows) {
                heads.put(
                    new Pair(
                        Symbol.of(row.getString("symbol")),
                        ProviderId.of(row.getString("provider"))),
                    head(row));
              }
              return heads;
            });
  }

  private static QuoteHead head(Row row) {
    if (row.getOffsetDateTime("quote_ts") == null) {
      return QuoteHead.EMPTY;
    }
    PricePoint newest =
        new PricePoint(
            Symbol.of(row.getString("symbol")),
            ProviderId.of(row.getString("provider")),
            row.getBigDecimal("price"),
            instant(row.getOffsetDateTime("quote_ts")),
            instant(row.getOffsetDateTime("fetched_at")),
            row.getUUID("raw_response_id"),
            row.getBoolean("suspect"));
    Optional<QuoteHead.Reference> reference =
        row.getOffsetDateTime("ref_quote_ts") == null
            ? Optional.empty()
            : Optional.of(
                new QuoteHead.Reference(
                    row.getBigDecimal("ref_price"),
                    instant(row.getOffsetDateTime("ref_quote_ts"))));
    return new QuoteHead(Optional.of(newest), reference);
  }

  /** Records when the same quotes were fetched again, so their points count as fresh. */
  static Future<?> confirm(SqlConnection conn, List<PricePoint> confirmed) {
    if (confirmed.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = confirmed.size();
    UUID[] ids = new UUID[n];
    OffsetDateTime[] quoteTs = new OffsetDateTime[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      ids[i] = confirmed.get(i).rawResponseId();
      quoteTs[i] = timestamptz(confirmed.get(i).timestamp());
      at[i] = timestamptz(confirmed.get(i).fetchedAt());
    }
    return conn.preparedQuery(CONFIRM).execute(Tuple.of(ids, quoteTs, at));
  }

  /** Writes the heads the batch moved. */
  static Future<?> write(SqlConnection conn, Map<Pair, QuoteHead> heads) {
    int n = heads.size();
    String[] symbols = new String[n];
    String[] providers = new String[n];
    OffsetDateTime[] quoteTs = new OffsetDateTime[n];
    Numeric[] prices = new Numeric[n];
    UUID[] ids = new UUID[n];
    Boolean[] suspect = new Boolean[n];
    OffsetDateTime[] fetchedAt = new OffsetDateTime[n];
    OffsetDateTime[] refQuoteTs = new OffsetDateTime[n];
    Numeric[] refPrices = new Numeric[n];
    int i = 0;
    for (Map.Entry<Pair, QuoteHead> e : heads.entrySet()) {
      // A moved head always has a newest point, and a reference: a pair's first point has nothing
      // to be compared with, so it is never suspect and becomes the reference.
      PricePoint newest = e.getValue().newest().orElseThrow();
      QuoteHead.Reference ref =
          e.getValue()
              .reference()
              .orElse(new QuoteHead.Reference(newest.price(), newest.timestamp()));
      symbols[i] = e.getKey().symbol().value();
      providers[i] = e.getKey().provider().value();
      quoteTs[i] = timestamptz(newest.timestamp());
      prices[i] = Numeric.create(newest.price());
      ids[i] = newest.rawResponseId();
      suspect[i] = newest.suspect();
      fetchedAt[i] = timestamptz(newest.fetchedAt());
      refQuoteTs[i] = timestamptz(ref.quoteTime());
      refPrices[i] = Numeric.create(ref.price());
      i++;
    }
    return conn.preparedQuery(WRITE)
        .execute(
            Tuple.of(
                symbols,
                providers,
                quoteTs,
                prices,
                ids,
                suspect,
                fetchedAt,
                refQuoteTs,
                refPrices));
  }
}

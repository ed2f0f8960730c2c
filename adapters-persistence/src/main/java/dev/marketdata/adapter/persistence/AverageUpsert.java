package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.average.WindowFold;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.TraceContext;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The write of {@link PgMovingAverageRepository}: the statement that stores a batch's changed
 * windows in {@code symbol_averages} and queues their averages in {@code average_outbox}, and the
 * layout of its parameters (ADR 0011, ADR 0018).
 */
final class AverageUpsert {
  private AverageUpsert() {}

  // Every changed window in one statement (arrays unnested into rows; keys are distinct, so no row
  // is hit twice), rather than one executed INSERT per window.
  // The same statement queues each changed average for price-averages (ADR 0011), so the two
  // writes commit together: no average is stored without being queued, nor queued without being
  // stored.
  // Each queued average keeps the trace context of the price that changed it (V14), taken from
  // the input rows by key: RETURNING only gives symbol_averages' columns.
  // The window's ids and times (fixed-width, sent in binary) come as one flat array each, every
  // row taking sample_count elements from window_from on (a slice of a fixed-width array is found
  // by offset, not by walking it); its prices as a numeric[] literal per row, since the client
  // sends numeric as text anyway.
  static final String SQL =
      "WITH t AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[],"
          + " $5::int[], $6::int[], $7::text[], $8::uuid[], $9::timestamptz[], $10::text[],"
          + " $11::text[])"
          + " AS t(symbol, provider, window_size, value, sample_count, window_from, window_prices,"
          + " last_raw_response_id, as_of, traceparent, tracestate)),"
          + " upserted AS (INSERT INTO symbol_averages (symbol, provider, window_size, value,"
          + " sample_count, window_ids, window_prices, window_times, last_raw_response_id, as_of,"
          + " updated_at)"
          + " SELECT symbol, provider, window_size, value, sample_count,"
          + " ($12::uuid[])[window_from:window_from + sample_count - 1],"
          + " window_prices::numeric[],"
          + " ($13::timestamptz[])[window_from:window_from + sample_count - 1],"
          + " last_raw_response_id, as_of, now() FROM t"
          + " ON CONFLICT (symbol, provider, window_size) DO UPDATE SET value = EXCLUDED.value,"
          + " sample_count = EXCLUDED.sample_count, window_ids = EXCLUDED.window_ids,"
          + " window_prices = EXCLUDED.window_prices, window_times = EXCLUDED.window_times,"
          + " last_raw_response_id = EXCLUDED.last_raw_response_id, as_of = EXCLUDED.as_of,"
          + " updated_at = now()"
          + " RETURNING symbol, provider, window_size, value, sample_count, as_of)"
          + " INSERT INTO average_outbox (symbol, provider, window_size, value, sample_count,"
          + " as_of, traceparent, tracestate)"
          + " SELECT u.symbol, u.provider, u.window_size, u.value, u.sample_count, u.as_of,"
          + " t.traceparent, t.tracestate FROM upserted u"
          + " JOIN t ON t.symbol = u.symbol AND t.provider = u.provider"
          + " AND t.window_size = u.window_size"
          + " ORDER BY u.symbol, u.provider, u.window_size";

  /** The statement's parameters for these changed windows, in {@link #SQL}'s order. */
  static Tuple parameters(List<WindowFold.Update> changed, Map<UUID, TraceContext> traces) {
    int n = changed.size();
    String[] symbols = new String[n];
    String[] providers = new String[n];
    Integer[] sizes = new Integer[n];
    Numeric[] values = new Numeric[n];
    Integer[] counts = new Integer[n];
    Integer[] from = new Integer[n];
    String[] prices = new String[n];
    UUID[] lastIds = new UUID[n];
    OffsetDateTime[] asOf = new OffsetDateTime[n];
    String[] traceparents = new String[n];
    String[] tracestates = new String[n];
    int entryCount = 0;
    for (WindowFold.Update update : changed) {
      entryCount += update.window().entries().size();
    }
    UUID[] ids = new UUID[entryCount];
    OffsetDateTime[] times = new OffsetDateTime[entryCount];
    int next = 0;
    for (int i = 0; i < n; i++) {
      MovingAverageWindow window = changed.get(i).window();
      MovingAverage average = changed.get(i).average();
      List<PriceEvent> entries = window.entries();
      if (average.sampleCount() != entries.size()) {
        // SQL slices each row's ids and times by sample_count.
        throw new IllegalStateException(
            String.format(
                "average of %s counts %d of %d prices",
                window.key(), average.sampleCount(), entries.size()));
      }
      symbols[i] = window.symbol().value();
      providers[i] = window.provider().value();
      sizes[i] = window.size();
      values[i] = Numeric.create(average.value());
      counts[i] = entries.size();
      from[i] = next + 1;
      prices[i] = WindowColumns.pricesLiteral(entries);
      for (PriceEvent e : entries) {
        ids[next] = e.rawResponseId();
        times[next] = timestamptz(e.timestamp());
        next++;
      }
      lastIds[i] = entries.get(entries.size() - 1).rawResponseId();
      asOf[i] = timestamptz(average.asOf());
      TraceContext trace = trace(entries, traces);
      traceparents[i] = trace.traceparent().orElse(null);
      tracestates[i] = trace.tracestate().orElse(null);
    }
    return Tuple.from(
        new Object[] {
          symbols,
          providers,
          sizes,
          values,
          counts,
          from,
          prices,
          lastIds,
          asOf,
          traceparents,
          tracestates,
          ids,
          times
        });
  }

  /**
   * The trace of the newest price in the window that this batch brought and was traced: the price
   * that made the average what it is now. NONE when the batch's prices in it were all untraced.
   */
  private static TraceContext trace(List<PriceEvent> entries, Map<UUID, TraceContext> traces) {
    if (traces.isEmpty()) {
      return TraceContext.NONE;
    }
    for (int i = entries.size() - 1; i >= 0; i--) {
      TraceContext trace = traces.get(entries.get(i).rawResponseId());
      if (trace != null && trace.isPresent()) {
        return trace;
      }
    }
    return TraceContext.NONE;
  }
}

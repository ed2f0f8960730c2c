package dev.marketdata.domain.port;

import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.BarQuery;
import java.util.concurrent.CompletionStage;

/**
 * Reads OHLC bars of stored price points. A bar is exactly the aggregation of its bucket's points
 * in {@code PriceEvent.ORDER}, so replayed or late events cannot make two reads disagree.
 */
public interface BarRepository {
  /**
   * The most recent {@code query.limit()} bars starting in {@code [from, to)}, oldest first, with a
   * cursor to the older ones when any remain.
   */
  CompletionStage<BarPage> bars(BarQuery query);
}

package dev.marketdata.domain.port;

import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Reads stored price points. "Newest" always means {@code PriceEvent.ORDER}: latest quote time,
 * ties broken by raw response id compared as unsigned bytes.
 */
public interface PricePointRepository {
  CompletionStage<Optional<PricePoint>> latest(Symbol symbol, ProviderId provider);

  /** Newest first, keyset-paginated; every row appears on exactly one page. */
  CompletionStage<HistoryPage> history(HistoryQuery query);

  /** The newest {@code count} points, newest first. */
  CompletionStage<List<PricePoint>> newest(Symbol symbol, ProviderId provider, int count);
}

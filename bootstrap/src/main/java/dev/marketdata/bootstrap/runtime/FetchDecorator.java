package dev.marketdata.bootstrap.runtime;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.HistoryProvider;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Providers whose quote fetches pass through {@link #fetch(QuoteProvider, Symbol)}, everything else
 * (ids, statuses, history, the failures of {@link QuoteProviders#get}) through untouched: the shape
 * shared by the metered and the traced providers, so each says only what it adds to a fetch.
 */
public abstract class FetchDecorator implements QuoteProviders {
  private final QuoteProviders delegate;
  private final ConcurrentHashMap<ProviderId, QuoteProvider> decorated = new ConcurrentHashMap<>();

  protected FetchDecorator(QuoteProviders delegate) {
    this.delegate = delegate;
  }

  /** One fetch of {@code symbol} from {@code provider}, with what this decorator adds. */
  protected abstract CompletionStage<FetchedQuote> fetch(QuoteProvider provider, Symbol symbol);

  @Override
  public final ProviderId defaultProvider() {
    return delegate.defaultProvider();
  }

  @Override
  public final QuoteProvider get(ProviderId id) {
    QuoteProvider provider = delegate.get(id); // failures (unknown, not configured) pass through
    return decorated.computeIfAbsent(id, ignored -> new Decorated(provider));
  }

  @Override
  public final List<ProviderStatus> statuses() {
    return delegate.statuses();
  }

  @Override
  public final CompletionStage<List<ProviderStatus>> currentStatuses() {
    return delegate.currentStatuses();
  }

  private final class Decorated implements QuoteProvider {
    private final QuoteProvider provider;

    Decorated(QuoteProvider provider) {
      this.provider = provider;
    }

    @Override
    public ProviderId id() {
      return provider.id();
    }

    @Override
    public CompletionStage<FetchedQuote> fetch(Symbol symbol) {
      return FetchDecorator.this.fetch(provider, symbol);
    }

    @Override
    public ProviderStatus status() {
      return provider.status();
    }

    @Override
    public CompletionStage<ProviderStatus> currentStatus() {
      return provider.currentStatus();
    }

    /** History calls pass through: backfill reports its own progress per job. */
    @Override
    public Optional<HistoryProvider> history() {
      return provider.history();
    }
  }
}

package dev.marketdata.application.quality;

import dev.marketdata.domain.model.ProviderId;

/** Told of every data-quality event (ADR 0014), so they can be counted per provider. */
public interface QualityObserver {
  /** A fetch returned the newest stored quote again: no new point or event was stored. */
  void duplicate(ProviderId provider);

  /** A price was stored suspect. */
  void suspect(ProviderId provider);

  /** A stale price was served (an answer, a history row or a stream event). */
  void staleServed(ProviderId provider);

  /** An observer that ignores everything. */
  static QualityObserver none() {
    return new QualityObserver() {
      @Override
      public void duplicate(ProviderId provider) {}

      @Override
      public void suspect(ProviderId provider) {}

      @Override
      public void staleServed(ProviderId provider) {}
    };
  }
}

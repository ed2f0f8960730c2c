package dev.marketdata.adapter.alpha.archfixture;

import dev.marketdata.adapter.beta.archfixture.BetaAdapter;

/** Deliberately breaks the adapter rule: one adapter calling another. */
public class AlphaAdapterUsingBeta {
  public final BetaAdapter beta = new BetaAdapter();
}

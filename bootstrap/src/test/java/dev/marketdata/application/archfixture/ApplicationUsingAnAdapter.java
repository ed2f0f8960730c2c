package dev.marketdata.application.archfixture;

import dev.marketdata.adapter.beta.archfixture.BetaAdapter;

/** Deliberately breaks the bootstrap-only rule: the core reaching for an adapter. */
public class ApplicationUsingAnAdapter {
  public final BetaAdapter adapter = new BetaAdapter();
}

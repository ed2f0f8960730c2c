package dev.marketdata.adapter.beta.archfixture;

/** Breaks the rule that only the configuration reads the environment. */
public class BetaAdapterReadingTheEnvironment {
  public String timeout() {
    return System.getenv("MDS_BETA_TIMEOUT");
  }
}

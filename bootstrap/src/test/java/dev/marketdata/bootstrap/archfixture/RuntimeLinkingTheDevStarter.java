package dev.marketdata.bootstrap.archfixture;

import dev.marketdata.bootstrap.embedded.archfixture.SomeStarter;

/** Deliberately breaks the seam rule: links the dev jar's starter instead of loading it. */
public class RuntimeLinkingTheDevStarter {
  public final SomeStarter starter = new SomeStarter();
}

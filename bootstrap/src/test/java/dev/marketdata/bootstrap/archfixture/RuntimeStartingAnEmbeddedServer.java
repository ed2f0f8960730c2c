package dev.marketdata.bootstrap.archfixture;

import dev.marketdata.devservices.archfixture.SomeEmbeddedServer;

/** Deliberately breaks the devservices rule: bootstrap outside the embedded seam. */
public class RuntimeStartingAnEmbeddedServer {
  public final SomeEmbeddedServer server = new SomeEmbeddedServer();
}

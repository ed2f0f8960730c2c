package dev.marketdata.application.archfixture;

import dev.marketdata.devservices.archfixture.SomeEmbeddedServer;

/** Deliberately breaks the devservices rule. */
public class ApplicationUsingDevservices {
  public final SomeEmbeddedServer server = new SomeEmbeddedServer();
}

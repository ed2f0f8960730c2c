package dev.marketdata.domain.archfixture;

import io.vertx.core.Vertx;

/** Deliberately breaks the domain rule: a domain class that needs Vert.x. */
public class DomainUsingVertx {
  public Vertx vertx() {
    return null;
  }
}

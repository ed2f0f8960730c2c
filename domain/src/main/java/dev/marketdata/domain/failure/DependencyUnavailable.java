package dev.marketdata.domain.failure;

/** A backing service of our own (database, broker) cannot be reached right now. */
public final class DependencyUnavailable extends MarketDataException {
  private final String dependency;

  public DependencyUnavailable(String dependency, String detail, Throwable cause) {
    super(dependency + " unavailable: " + detail, cause);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}

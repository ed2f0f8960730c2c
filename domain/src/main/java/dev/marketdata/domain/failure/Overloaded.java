package dev.marketdata.domain.failure;

import java.time.Duration;
import java.util.Objects;

/**
 * This service already holds as much work of one kind as it accepts (such as quotes waiting to be
 * stored); the request is refused at once rather than queued without bound. Retry after the delay.
 */
public final class Overloaded extends MarketDataException {
  private final String resource;
  private final Duration retryAfter;

  public Overloaded(String resource, Duration retryAfter, String detail) {
    super(resource + " overloaded: " + detail, null);
    this.resource = Objects.requireNonNull(resource, "resource");
    this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
  }

  /** What is full, such as {@code ingest queue}. */
  public String resource() {
    return resource;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}

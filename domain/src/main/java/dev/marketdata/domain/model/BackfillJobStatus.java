package dev.marketdata.domain.model;

import java.util.Locale;

/**
 * Lifecycle of a backfill job: accepted until a runner first takes it, running (paused included)
 * until every symbol is done or failed, then completed, or failed when every symbol failed.
 */
public enum BackfillJobStatus {
  ACCEPTED,
  RUNNING,
  COMPLETED,
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean finished() {
    return this == COMPLETED || this == FAILED;
  }
}

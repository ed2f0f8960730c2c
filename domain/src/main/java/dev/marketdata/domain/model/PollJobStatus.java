package dev.marketdata.domain.model;

/** Lifecycle of a poll job: it runs while active; stopping is final. */
public enum PollJobStatus {
  ACTIVE,
  STOPPED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

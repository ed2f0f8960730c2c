package dev.marketdata.domain.failure;

import java.util.UUID;

/** No job of the kind asked for (a poll job, a backfill job) has this id. */
public final class JobNotFound extends MarketDataException {
  private final UUID jobId;
  private final String kind;

  public JobNotFound(UUID jobId) {
    this(jobId, "poll job");
  }

  public JobNotFound(UUID jobId, String kind) {
    super(kind + " " + jobId + " not found", null);
    this.jobId = jobId;
    this.kind = kind;
  }

  /** What was looked for: {@code poll job}, {@code backfill job}. */
  public String kind() {
    return kind;
  }

  public UUID jobId() {
    return jobId;
  }
}

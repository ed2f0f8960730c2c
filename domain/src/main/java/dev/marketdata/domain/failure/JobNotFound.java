package dev.marketdata.domain.failure;

import java.util.UUID;

/** No poll job has this id. */
public final class JobNotFound extends MarketDataException {
  private final UUID jobId;

  public JobNotFound(UUID jobId) {
    super("poll job " + jobId + " not found", null);
    this.jobId = jobId;
  }

  public UUID jobId() {
    return jobId;
  }
}

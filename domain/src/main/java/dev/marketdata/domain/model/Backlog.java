package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.OptionalLong;

/**
 * Price events the pipeline has taken in and not yet finished with: stored but not yet published
 * ({@code unpublished}), and published but not yet applied by the moving-average consumer ({@code
 * unconsumed}, empty when this replica could not see the consumer group).
 */
public record Backlog(long unpublished, OptionalLong unconsumed) {
  public Backlog {
    if (unpublished < 0) {
      throw new InvalidInput("unpublished", unpublished, "must be zero or positive");
    }
    Required.field("unconsumed", unconsumed);
    if (unconsumed.isPresent() && unconsumed.getAsLong() < 0) {
      throw new InvalidInput("unconsumed", unconsumed.getAsLong(), "must be zero or positive");
    }
  }

  /** Events behind in the whole pipeline, as far as this replica can see. */
  public long total() {
    return unpublished + unconsumed.orElse(0);
  }
}

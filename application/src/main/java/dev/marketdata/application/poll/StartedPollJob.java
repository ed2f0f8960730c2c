package dev.marketdata.application.poll;

import dev.marketdata.domain.model.PollJob;
import java.util.List;

/**
 * A job just accepted, with warnings the client should see (such as a daily budget running out).
 */
public record StartedPollJob(PollJob job, List<String> warnings) {
  public StartedPollJob {
    warnings = List.copyOf(warnings);
  }
}

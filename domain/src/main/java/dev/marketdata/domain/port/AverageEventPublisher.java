package dev.marketdata.domain.port;

import dev.marketdata.domain.model.AverageEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Publishes changed moving averages; completes only once every one was acknowledged. */
public interface AverageEventPublisher {
  CompletionStage<Void> publish(List<AverageEvent> events);
}

package dev.marketdata.domain.port;

import dev.marketdata.domain.model.BarEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Publishes completed bars; completes only once every one was acknowledged. */
public interface BarEventPublisher {
  CompletionStage<Void> publish(List<BarEvent> events);
}

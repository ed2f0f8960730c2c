package dev.marketdata.application.relay;

import java.util.concurrent.CompletionStage;

/** Publishes the oldest waiting outbox events and marks them published once acknowledged. */
public interface RelayOutboxUseCase {
  /** Relays one batch; completes with how many events were published (0 when none waited). */
  CompletionStage<Integer> relayBatch();
}

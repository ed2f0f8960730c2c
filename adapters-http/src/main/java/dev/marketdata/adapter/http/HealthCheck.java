package dev.marketdata.adapter.http;

import java.util.concurrent.CompletionStage;

/**
 * One dependency checked by {@code GET /health/ready}: up when the stage completes with {@code
 * true}; {@code false}, a failed stage or no answer within the deadline counts as down.
 */
public interface HealthCheck {
  /** Short stable name shown in the readiness answer, such as {@code postgresql}. */
  String name();

  CompletionStage<Boolean> check();
}

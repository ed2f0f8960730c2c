package dev.marketdata.vertx.archfixture;

import dev.marketdata.application.poll.RunPollTickUseCase;

/** Breaks the rule that the shared Vert.x support knows no use case, port or adapter. */
public class LoopUsingAUseCase {
  public Object tick(RunPollTickUseCase tick) {
    return tick.runTick();
  }
}

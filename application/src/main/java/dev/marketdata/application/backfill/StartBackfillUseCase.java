package dev.marketdata.application.backfill;

import dev.marketdata.domain.model.BackfillJob;
import java.util.concurrent.CompletionStage;

/** Accepts a backfill job; a poller replica runs it. */
public interface StartBackfillUseCase {
  CompletionStage<BackfillJob> start(BackfillRequest request);
}

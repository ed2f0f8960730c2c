package dev.marketdata.application.retention;

import dev.marketdata.domain.model.MaintenanceReport;
import java.util.concurrent.CompletionStage;

/**
 * One storage maintenance pass: drop what the retention no longer keeps, and prepare the storage of
 * the days ahead. Safe to run from every replica at once.
 */
public interface MaintainStorageUseCase {
  CompletionStage<MaintenanceReport> maintain();
}

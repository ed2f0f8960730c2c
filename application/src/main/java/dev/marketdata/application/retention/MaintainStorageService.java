package dev.marketdata.application.retention;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.model.MaintenanceReport;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.port.StorageMaintenance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/** Applies the configured retention as of this process's clock. */
public final class MaintainStorageService implements MaintainStorageUseCase {
  private final StorageMaintenance storage;
  private final RetentionPolicy policy;
  private final Clock clock;

  @Inject
  public MaintainStorageService(StorageMaintenance storage, RetentionPolicy policy, Clock clock) {
    this.storage = storage;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public CompletionStage<MaintenanceReport> maintain() {
    return Futures.defer(() -> storage.maintain(policy, clock.instant()));
  }
}

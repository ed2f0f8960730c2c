package dev.marketdata.adapter.persistence;

import dev.marketdata.application.contract.MovingAverageRepositoryContract;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.port.MovingAverageRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PgMovingAverageRepositoryIT extends MovingAverageRepositoryContract {
  private static PgTestStore store;

  @BeforeAll
  static void start(PostgresDatabase database) {
    store = PgTestStore.start(database);
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  @Override
  protected MovingAverageRepository emptyRepository() {
    return store.emptyPorts().movingAverages();
  }
}

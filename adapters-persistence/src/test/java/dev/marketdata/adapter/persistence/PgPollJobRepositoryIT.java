package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.PollJobRepositoryContract;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgPollJobRepositoryIT extends PollJobRepositoryContract {
  private final PgTestStore store;

  PgPollJobRepositoryIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected MarketDataPorts emptyStore() {
    return store.emptyPorts();
  }

  @Test
  void givenARowWrittenWithoutTheV11Columns_find_readsItAsAnAlwaysJobOnOneProvider() {
    UUID id = UUID.randomUUID();
    // What a job stored before V11 looks like: only the V1 columns, the rest take their defaults.
    result(
        store
            .pool
            .preparedQuery(
                "INSERT INTO poll_jobs (id, symbols, interval_ms, provider, status, created_at,"
                    + " updated_at, next_run_at) VALUES ($1, ARRAY['AAPL'], 60000, 'finnhub',"
                    + " 'active', now(), now(), now())")
            .execute(Tuple.of(id))
            .toCompletionStage());

    PollJob job = result(ports.pollJobs().find(id)).orElseThrow();

    assertThat(job.marketHours()).isEqualTo(MarketHours.ALWAYS);
    assertThat(job.providers()).isEqualTo(ProviderChain.of(ProviderId.FINNHUB));
    assertThat(job.waiting()).isEmpty();
    assertThat(job.calendarNote()).isNull();
    assertThat(job.fallbacks()).isEqualTo(PollJob.Fallbacks.NONE);
  }
}

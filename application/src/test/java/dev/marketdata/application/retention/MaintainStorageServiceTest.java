package dev.marketdata.application.retention;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.fake.InMemoryStores;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MaintainStorageServiceTest {
  private static final Instant START = Instant.parse("2031-01-01T12:00:00Z");

  @Test
  void givenTheClockMovesPastTheRetention_maintain_removesWhatItNoLongerKeeps() {
    MarketDataPorts ports = InMemoryStores.empty();
    MutableClock clock = new MutableClock(START);
    RetentionPolicy policy =
        new RetentionPolicy(Optional.of(Duration.ofDays(30)), Optional.empty(), Optional.empty());
    MaintainStorageService service = new MaintainStorageService(ports.maintenance(), policy, clock);
    FetchedQuote fetched = quote(uniqueSymbol(), ProviderId.FINNHUB, "1", START, UUID.randomUUID());
    result(ports.ingestion().ingest(fetched));

    clock.advance(Duration.ofDays(29));
    assertThat(result(service.maintain()).rowsDeleted()).isZero();
    assertThat(result(ports.rawResponses().find(fetched.raw().id()))).isPresent();

    clock.advance(Duration.ofDays(2));
    assertThat(result(service.maintain()).rowsDeleted()).isEqualTo(1);
    assertThat(result(ports.rawResponses().find(fetched.raw().id()))).isEmpty();
  }
}

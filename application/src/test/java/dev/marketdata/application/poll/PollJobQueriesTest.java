package dev.marketdata.application.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.JobNotFound;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PollJobQueriesTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");
  private final PollJobRepository jobs = mock(PollJobRepository.class);
  private final PollJob job =
      PollJob.start(
          UUID.randomUUID(),
          List.of(Symbol.of("AAPL")),
          Duration.ofSeconds(5),
          ProviderId.YAHOO,
          T0);

  @Test
  void givenUnknownId_getAndStop_failWithJobNotFound() {
    UUID id = UUID.randomUUID();
    when(jobs.find(id)).thenReturn(CompletableFuture.completedFuture(Optional.empty()));
    when(jobs.stop(eq(id), any())).thenReturn(CompletableFuture.completedFuture(Optional.empty()));

    Throwable get =
        new GetPollJobService(jobs).get(id).toCompletableFuture().handle((v, e) -> e).join();
    Throwable stop =
        new StopPollJobService(jobs, new MutableClock(T0))
            .stop(id)
            .toCompletableFuture()
            .handle((v, e) -> e)
            .join();

    assertThat(Futures.unwrap(get))
        .isInstanceOf(JobNotFound.class)
        .hasMessageContaining(id.toString());
    assertThat(Futures.unwrap(stop)).isInstanceOf(JobNotFound.class);
  }

  @Test
  void givenKnownId_stop_returnsTheStoppedJob() {
    Instant later = T0.plusSeconds(30);
    when(jobs.stop(job.id(), later))
        .thenReturn(CompletableFuture.completedFuture(Optional.of(job.stopped(later))));

    PollJob stopped =
        new StopPollJobService(jobs, new MutableClock(later))
            .stop(job.id())
            .toCompletableFuture()
            .join();

    assertThat(stopped.active()).isFalse();
    assertThat(stopped.updatedAt()).isEqualTo(later);
  }

  @Test
  void list_returnsWhatTheRepositoryHolds() {
    when(jobs.list()).thenReturn(CompletableFuture.completedFuture(List.of(job)));
    assertThat(new ListPollJobsService(jobs).list().toCompletableFuture().join())
        .containsExactly(job);
  }
}

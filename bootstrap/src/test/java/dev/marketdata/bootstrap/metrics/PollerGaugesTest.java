package dev.marketdata.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PollerGaugesTest {
  static final Instant RESET = Instant.parse("2026-11-30T18:00:00Z");

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final QuoteProviders providers = mock(QuoteProviders.class);
  final PollJobRepository jobs = mock(PollJobRepository.class);

  static ProviderStatus status(ProviderId id, BudgetState... budget) {
    return new ProviderStatus(
        id,
        true,
        Optional.empty(),
        List.of(budget).stream().map(BudgetState::limit).toList(),
        List.of(budget));
  }

  double gauge(String name, String... tags) {
    return meters.get(name).tags(tags).gauge().value();
  }

  @Test
  void givenJobsAndBudgets_sample_reportsActiveJobsAndRemainingCallsPerProviderAndWindow() {
    BudgetState minute = new BudgetState(new RateLimit(5, Duration.ofMinutes(1)), 3, RESET);
    BudgetState day = new BudgetState(new RateLimit(25, Duration.ofDays(1)), 0, RESET);
    when(providers.currentStatuses())
        .thenReturn(
            CompletableFuture.completedFuture(
                List.of(
                    status(ProviderId.of("alpha_vantage"), minute, day),
                    status(ProviderId.of("simulated")))));
    when(jobs.activeOn(ProviderId.of("alpha_vantage")))
        .thenReturn(
            CompletableFuture.completedFuture(List.of(mock(PollJob.class), mock(PollJob.class))));
    when(jobs.activeOn(ProviderId.of("simulated")))
        .thenReturn(CompletableFuture.completedFuture(List.of()));
    PollerGauges gauges = new PollerGauges(meters, providers, jobs);

    Await.result(gauges.sample());

    assertThat(gauge("mds.poll.jobs.active", "provider", "alpha_vantage")).isEqualTo(2);
    assertThat(gauge("mds.poll.jobs.active", "provider", "simulated")).isZero();
    assertThat(
            gauge(
                "mds.provider.budget.remaining",
                "provider",
                "alpha_vantage",
                "period_seconds",
                "60"))
        .isEqualTo(3);
    assertThat(
            gauge(
                "mds.provider.budget.remaining",
                "provider",
                "alpha_vantage",
                "period_seconds",
                "86400"))
        .isZero();

    // A second sample moves the same gauges: registered once, never duplicated.
    when(jobs.activeOn(ProviderId.of("alpha_vantage")))
        .thenReturn(CompletableFuture.completedFuture(List.of()));
    Await.result(gauges.sample());
    assertThat(gauge("mds.poll.jobs.active", "provider", "alpha_vantage")).isZero();
    assertThat(meters.find("mds.poll.jobs.active").gauges()).hasSize(2);
  }
}

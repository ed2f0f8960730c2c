package dev.marketdata.bootstrap.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.marketdata.application.poll.Backpressure;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PollJobRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Failed runs are logged; runs held back for the pipeline only once a minute. */
class LoggingPollJobsTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final String HELD =
      "missed 2 of 2 symbol(s), not fetched within the run's deadline of one interval: polling"
          + " waited for the pipeline's backlog "
          + Backpressure.MISSED_NOTE
          + ": AAPL, MSFT";

  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.marketdata.poll");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final PollJobRepository delegate = mock(PollJobRepository.class);
  private final LoggingPollJobs jobs = new LoggingPollJobs(delegate);

  @BeforeEach
  void capture() {
    appender.start();
    logger.addAppender(appender);
    when(delegate.complete(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
  }

  private static PollJob ranWith(String error) {
    PollJob job =
        PollJob.start(
            UUID.randomUUID(),
            List.of(Symbol.of("AAPL"), Symbol.of("MSFT")),
            Duration.ofSeconds(1),
            ProviderId.SIMULATED,
            T0);
    return job.afterRun(T0.plusSeconds(1), error, false, null);
  }

  private List<String> warnings() {
    return appender.list.stream()
        .filter(e -> e.getLevel().toString().equals("WARN"))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void givenManyRunsHeldBackForThePipeline_theLog_saysSoOnceAMinute() {
    for (int i = 0; i < 5; i++) {
      jobs.complete(ranWith(HELD), "a");
    }

    assertThat(warnings()).hasSize(2); // the summary line and the first run's own
    assertThat(warnings().get(0)).contains("held back by the pipeline's backlog");
  }

  @Test
  void givenARunWithAFailedSymbolBesideTheHeldOnes_theLog_hasItEveryTime() {
    jobs.complete(ranWith(HELD), "a");
    jobs.complete(ranWith(HELD + "; AAPL: provider unavailable"), "a");
    jobs.complete(ranWith("AAPL: provider unavailable"), "a");

    assertThat(warnings()).hasSize(4);
  }
}

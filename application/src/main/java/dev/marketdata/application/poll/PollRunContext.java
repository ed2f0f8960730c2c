package dev.marketdata.application.poll;

import dev.marketdata.application.ingest.IngestQuoteUseCase;
import dev.marketdata.application.support.Delay;
import dev.marketdata.domain.port.PollJobRepository;
import java.time.Clock;

/** What every {@link PollRun} of this replica uses. */
record PollRunContext(
    PollJobRepository jobs,
    IngestQuoteUseCase ingest,
    Clock clock,
    Delay delay,
    PollSettings settings,
    MarketSchedule schedule,
    Backpressure backpressure) {}

package dev.marketdata.application.contract;

import dev.marketdata.domain.port.IngestionRepository;
import dev.marketdata.domain.port.MovingAverageRepository;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.RawResponseRepository;
import dev.marketdata.domain.port.StorageMaintenance;

/** The storage ports of one empty store, as a contract test's subject. */
public record MarketDataPorts(
    IngestionRepository ingestion,
    PricePointRepository pricePoints,
    RawResponseRepository rawResponses,
    MovingAverageRepository movingAverages,
    PollJobRepository pollJobs,
    Outbox outbox,
    StorageMaintenance maintenance) {}

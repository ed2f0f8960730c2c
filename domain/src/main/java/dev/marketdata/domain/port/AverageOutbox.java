package dev.marketdata.domain.port;

import dev.marketdata.domain.model.AverageOutboxEntry;

/**
 * Changed averages stored with the windows they came from, oldest first; read by position exactly
 * as the price {@link Outbox} (ADR 0011, 0016).
 */
public interface AverageOutbox extends PositionedOutbox<AverageOutboxEntry> {}

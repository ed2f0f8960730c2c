package dev.marketdata.domain.port;

import dev.marketdata.domain.model.BarOutboxEntry;

/** Closed bars, oldest first; read by position exactly as the price {@link Outbox} (ADR 0016). */
public interface BarOutbox extends PositionedOutbox<BarOutboxEntry> {}

package dev.marketdata.domain.port;

import dev.marketdata.domain.model.OutboxEntry;

/**
 * Events stored with their prices, oldest (lowest id) first; one relay at a time publishes them in
 * id order from the outbox's stored position (ADR 0016).
 */
public interface Outbox extends PositionedOutbox<OutboxEntry> {}

package dev.marketdata.application.relay;

/**
 * Publishes the closed bars in id order from their outbox's stored position; one step of the same
 * loop that drives the price-event relay.
 */
public interface RelayBarsUseCase extends RelayOutboxUseCase {}

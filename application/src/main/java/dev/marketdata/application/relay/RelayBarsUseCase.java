package dev.marketdata.application.relay;

/**
 * Publishes the oldest waiting closed bars to their topic and marks them published once
 * acknowledged; one step of the same loop that drives the price-event relay.
 */
public interface RelayBarsUseCase extends RelayOutboxUseCase {}
